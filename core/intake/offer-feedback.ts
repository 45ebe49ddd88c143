import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import { isCoreError } from "../shared/index.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/**
 * "Помогло" or "Нужен специалист" under an answer offered with an open ticket. "Помогло"
 * solves the ticket as self-service: the parent is told it is closed (no rating asked,
 * nobody answered), the agents see it in the topic, and the SLA report counts it apart.
 * "Нужен специалист" leaves the ticket open and says so.
 */
export async function offerFeedback(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  lookup: { ticketId: number; bestSlug: string | null; text: string },
  helpful: boolean,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const ticket = await tx.ticket.findUnique({ where: { id: lookup.ticketId } });
  if (!ticket || ticket.contactId !== contact.id)
    return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale") };
  const tell = (key: string) =>
    sendToParent(
      tx,
      effects,
      contact,
      { type: "text", text: deps.i18n.t(locale, key, { number: ticket.number }) },
      { ticketId: ticket.id },
    );
  if (!helpful) {
    await tell("faq-offer-kept-open");
    return { outcome: "offer_not_helpful", removeButtons: true };
  }
  await tx.$executeRaw`SAVEPOINT self_service`;
  try {
    await applyTicketEvent(tx, ticket.id, "resolve", {
      now: deps.clock.now(),
      policy: deps.policy,
      reopenWindowHours: deps.settings.reopenWindowHours,
    });
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT self_service`;
    // Already solved or closed meanwhile (an agent was quicker): the thanks is enough.
    if (!isCoreError(error, "ILLEGAL_TRANSITION")) throw error;
    await tell("faq-feedback-thanks");
    return { outcome: "helpful", removeButtons: true };
  }
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { selfServedSlug: lookup.bestSlug },
  });
  effects.ticketIds.push(ticket.id);
  await tell("faq-offer-solved");
  // The notice comes first: the topic is closed by the sync that follows.
  await notifyStaff(tx, effects, deps.settings, {
    op: "notice",
    ticketId: ticket.id,
    key: "relay-notice-self-served",
    args: { question: lookup.text },
  });
  await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  return { outcome: "self_served", removeButtons: true };
}
