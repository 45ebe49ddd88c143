import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/** The parent's rating of a resolved ticket (1–5); the last tap counts. */
export async function rateTicket(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticketId: number,
  score: number,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  if (
    !ticket ||
    ticket.contactId !== contact.id ||
    (ticket.status !== "resolved" && ticket.status !== "closed")
  ) {
    return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale"), removeButtons: true };
  }
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { rating: score, ratedAt: deps.clock.now() },
  });
  await sendToParent(tx, effects, contact, {
    type: "text",
    text: deps.i18n.t(locale, "rating-thanks"),
  });
  await notifyStaff(tx, effects, deps.settings, {
    op: "notice",
    ticketId: ticket.id,
    key: "relay-notice-rated",
    args: { score },
  });
  return { outcome: "rated", removeButtons: true };
}
