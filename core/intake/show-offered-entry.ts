import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import { isOpen } from "../tickets/ticket-state.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { sendFaqEntry } from "./show-faq-entry.js";

/** The lookup outcome of an answer the parent picked among those offered with a ticket. */
export const offeredOutcome = "offered";

/**
 * A likely answer offered with a ticket was tapped: the answer comes with "Помогло" (the
 * ticket closes as solved by the parent, see `faq-feedback.ts`) and "Нужен специалист"
 * (it stays open). The offer buttons stay, so the parent can try another one.
 */
export async function showOfferedEntry(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticketId: number,
  entryId: number,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  const entry = deps.faq.entryById(entryId);
  if (!ticket || ticket.contactId !== contact.id || !entry)
    return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale") };
  if (!isOpen(ticket.status))
    return { outcome: "offer_closed", toast: deps.i18n.t(locale, "action-stale") };
  await sendFaqEntry(tx, deps, effects, contact, entry, {
    outcome: offeredOutcome,
    ticketId: ticket.id,
    needHumanKey: "faq-offer-need-human",
  });
  return { outcome: "faq_offer_shown" };
}
