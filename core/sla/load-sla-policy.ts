import type { Config } from "../config/index.js";
import { calendarPolicy } from "./business-calendar.js";
import { loadCalendarFile } from "./calendar-file.js";
import { plainTimePolicy, type SlaPolicy } from "./sla-policy.js";

/**
 * The policy the configuration asks for: plain time (the seed's 24 hours) by default,
 * working time of the SLA_CALENDAR file when one is set. Reads the file once, at start.
 */
export function slaPolicyFor(
  sla: Pick<Config["sla"], "firstResponseMinutes" | "calendarFile">,
): SlaPolicy {
  return sla.calendarFile
    ? calendarPolicy(loadCalendarFile(sla.calendarFile), sla.firstResponseMinutes)
    : plainTimePolicy(sla.firstResponseMinutes);
}
