import type { Ticket, Tx } from "../db/index.js";
import { formatDueTime, formatDuration } from "../i18n/index.js";
import { type Effects, notifyStaff } from "../intake/index.js";
import type { SlaDeps } from "./sla-deps.js";
import { type SlaTimer, timerKey } from "./timer-plan.js";

/**
 * A warning in the ticket's topic before the deadline: how much counted time is left and
 * when the reply is due, in the staff's time zone.
 */
export async function postSlaWarning(
  tx: Tx,
  deps: Pick<SlaDeps, "policy" | "settings">,
  effects: Effects,
  ticket: Ticket,
  timer: SlaTimer,
  now: Date,
): Promise<Record<string, string>> {
  const due = new Date(timer.ref);
  const args = {
    left: formatDuration(deps.policy.countedBetween(now, due), "ru"),
    due: formatDueTime(due, "ru", deps.settings.defaultTimeZone, now),
  };
  await notifyStaff(
    tx,
    effects,
    deps.settings,
    { op: "notice", ticketId: ticket.id, key: "relay-sla-warning", args },
    `sla-${ticket.id}-${timerKey(timer)}-notice`,
  );
  return args;
}
