import { asLocale, type Locale } from "../contacts/contact-locale.js";
import type { Contact, Ticket, Tx } from "../db/index.js";
import { formatDueTime } from "../i18n/index.js";
import { MINUTE } from "../shared/index.js";
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

/**
 * The response time the policy promises, in words for "в течение …" / "within …": whole
 * hours when the minutes make whole hours ("24 часов", "1 часа"), minutes otherwise
 * ("30 минут"), working time under a business calendar ("9 рабочих часов").
 */
export function responseWithin(deps: Pick<IntakeDeps, "i18n" | "policy">, locale: Locale): string {
  const minutes = deps.policy.responseMinutes;
  const hours = minutes % 60 === 0;
  return deps.i18n.t(locale, "response-within", {
    count: hours ? minutes / 60 : minutes,
    unit: hours ? "hours" : "minutes",
    working: deps.policy.workingTime ? "yes" : "no",
  });
}

/**
 * "Обращение №N принято. Ответим до …". Under a business calendar, a ticket opened out of
 * working hours also says when the team is back, so the parent does not wait at night.
 */
export async function ticketOpenedText(
  tx: Tx,
  deps: IntakeDeps,
  contact: Contact,
  ticket: Ticket,
): Promise<string> {
  const zone = await contactTimeZone(tx, contact, deps.settings.defaultTimeZone);
  return ticketOpenedLine(deps, asLocale(contact.locale), zone, ticket);
}

/**
 * `ticketOpenedText` once the parent's time zone is known (the hot path reads it itself,
 * and passes a placeholder string for the number its statement takes).
 */
export function ticketOpenedLine(
  deps: Pick<IntakeDeps, "i18n" | "policy" | "clock">,
  locale: Locale,
  zone: string,
  ticket: Pick<Ticket, "createdAt" | "firstResponseDueAt"> & { number: number | string },
): string {
  const now = deps.clock.now();
  const due = formatDueTime(ticket.firstResponseDueAt, locale, zone, now);
  const opened = ticket.createdAt;
  // The first counted minute starts when the team is back (now, inside working hours).
  const back = new Date(deps.policy.addMinutes(opened, 1).getTime() - MINUTE);
  if (!deps.policy.workingTime || back.getTime() - opened.getTime() < MINUTE)
    return deps.i18n.t(locale, "ticket-opened", { number: ticket.number, due });
  return deps.i18n.t(locale, "ticket-opened-after-hours", {
    number: ticket.number,
    due,
    back: formatDueTime(back, locale, zone, now),
  });
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
