import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { appendToTicket } from "./append-to-ticket.js";
import { findOpenTicket } from "./find-open-ticket.js";
import { openParentTicket } from "./open-parent-ticket.js";
import { offerFeedback } from "./offer-feedback.js";
import { sendToParent } from "./parent-channel.js";
import { offeredOutcome } from "./show-offered-entry.js";

/**
 * "Помогло" counts the answer as helpful; "Нет, нужен специалист" counts it as not and
 * turns the original question into a ticket, so the parent never has to repeat it.
 * On an answer offered with a ticket, the ticket is solved or kept (`offer-feedback.ts`).
 * A second tap on the same answer changes nothing.
 */
export async function faqFeedback(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  lookupId: number,
  helpful: boolean,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const lookup = await tx.faqLookup.findUnique({ where: { id: lookupId } });
  if (!lookup || lookup.contactId !== contact.id)
    return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale") };
  if (lookup.helpful !== null) return { outcome: "already_answered", removeButtons: true };
  await tx.faqLookup.update({ where: { id: lookup.id }, data: { helpful } });
  if (lookup.bestSlug) {
    await tx.faqEntry.updateMany({
      where: { slug: lookup.bestSlug, locale: contact.locale },
      data: helpful ? { helpfulYes: { increment: 1 } } : { helpfulNo: { increment: 1 } },
    });
  }
  if (lookup.outcome === offeredOutcome && lookup.ticketId !== null)
    return offerFeedback(
      tx,
      deps,
      effects,
      contact,
      { ...lookup, ticketId: lookup.ticketId },
      helpful,
    );
  if (helpful) {
    await sendToParent(tx, effects, contact, {
      type: "text",
      text: deps.i18n.t(locale, "faq-feedback-thanks"),
    });
    return { outcome: "helpful", removeButtons: true };
  }
  const message = { text: lookup.text, attachments: [] };
  const open = await findOpenTicket(tx, contact.id);
  if (open) {
    await appendToTicket(tx, deps, effects, contact, open, message);
    return { outcome: "appended", removeButtons: true };
  }
  const ticket = await openParentTicket(tx, deps, effects, contact, message, {
    category: deps.faq.inferCategory(lookup.text),
    faqOffered: lookup.bestSlug ? [lookup.bestSlug] : [],
  });
  await tx.faqLookup.update({
    where: { id: lookup.id },
    data: { ticketId: ticket.id, outcome: "escalated_after_answer" },
  });
  return { outcome: "ticket_opened", removeButtons: true };
}
