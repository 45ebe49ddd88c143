import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Ticket, Tx } from "../db/index.js";
import { formatDueTime } from "../i18n/index.js";
import { contactTimeZone } from "./contact-time-zone.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/** A deadline as this parent reads it: their language, their (municipality's) time zone. */
export async function parentDueText(
  tx: Tx,
  deps: IntakeDeps,
  contact: Contact,
  at: Date,
): Promise<string> {
  const zone = await contactTimeZone(tx, contact, deps.settings.defaultTimeZone);
  return formatDueTime(at, asLocale(contact.locale), zone, deps.clock.now());
}

/** After a reopen (by the parent or an agent): the parent hears the new due time, the topic follows. */
export async function tellParentReopened(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticket: Ticket,
): Promise<void> {
  const due = await parentDueText(
    tx,
    deps,
    contact,
    ticket.responseDueAt ?? ticket.firstResponseDueAt,
  );
  const text = deps.i18n.t(asLocale(contact.locale), "ticket-reopened", {
    number: ticket.number,
    due,
  });
  await sendToParent(tx, effects, contact, { type: "text", text }, { ticketId: ticket.id });
  await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
}
