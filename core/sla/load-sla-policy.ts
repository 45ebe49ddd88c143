import type { Config } from "../config/index.js";
import { calendarPolicy } from "./business-calendar.js";
import { checkCalendarCoverage, loadCalendarFile } from "./calendar-file.js";
import { plainTimePolicy, type SlaPolicy } from "./sla-policy.js";

/**
 * The policy the configuration asks for: plain time (the seed's 24 hours) by default,
 * working time of the SLA_CALENDAR file when one is set. Reads the file once, at start;
 * a calendar that does not cover today stops the start, one that runs out within 60 days
 * is reported through `warn`.
 */
export function slaPolicyFor(
  sla: Pick<Config["sla"], "firstResponseMinutes" | "calendarFile" | "lineMinutes">,
  start: { now: Date; warn(message: string): void } = { now: new Date(), warn: () => {} },
): SlaPolicy {
  let make = plainTimePolicy;
  if (sla.calendarFile) {
    const calendar = loadCalendarFile(sla.calendarFile);
    const warning = checkCalendarCoverage(calendar, sla.calendarFile, start.now);
    if (warning) start.warn(warning);
    make = (minutes) => calendarPolicy(calendar, minutes);
  }
  const lines: Partial<Record<string, SlaPolicy>> = {};
  for (const [line, minutes] of Object.entries(sla.lineMinutes ?? {}))
    if (minutes !== undefined && minutes !== sla.firstResponseMinutes) lines[line] = make(minutes);
  return { ...make(sla.firstResponseMinutes), lines };
}
