import { asLocale } from "../contacts/index.js";
import type { Ticket, Tx } from "../db/index.js";
import { formatDueTime } from "../i18n/index.js";
import { type Effects, notifyStaff, sendToParent } from "../intake/index.js";
import type { SlaDeps } from "./sla-deps.js";
import { type SlaTimer, timerKey } from "./timer-plan.js";

/**
 * A deadline passed without a reply: the first breach is recorded on the ticket, the
 * supervisors are alerted, the topic title turns red, and the parent hears once per
 * ticket an honest short apology (seed: tell the truth, never blame, no walls of text).
 */
export async function handleSlaBreach(
  tx: Tx,
  deps: Pick<SlaDeps, "i18n" | "settings">,
  effects: Effects,
  ticket: Ticket,
  timer: SlaTimer,
  now: Date,
): Promise<Record<string, string | number>> {
  if (!ticket.slaBreachedAt)
    await tx.ticket.update({ where: { id: ticket.id }, data: { slaBreachedAt: now } });
  const due = new Date(timer.ref);
  const args = {
    number: String(ticket.number),
    due: formatDueTime(due, "ru", deps.settings.defaultTimeZone, now),
  };
  const key = timerKey(timer);
  await notifyStaff(
    tx,
    effects,
    deps.settings,
    { op: "supervisor_alert", ticketId: ticket.id, key: "relay-sla-breach", args },
    `sla-${ticket.id}-${key}-alert`,
  );
  await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
  const text = deps.i18n.t(asLocale(contact.locale), "sla-breach-parent", {
    number: String(ticket.number),
  });
  await sendToParent(
    tx,
    effects,
    contact,
    { type: "text", text },
    { ticketId: ticket.id, dedupeKey: `sla-breach-parent-${ticket.id}` },
  );
  return args;
}
