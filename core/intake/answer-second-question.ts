import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Ticket, Tx } from "../db/index.js";
import { recordFaqHit } from "../faq/faq-hits.js";
import { openStatuses } from "../tickets/ticket-state.js";
import type { ParsedInboundMessage } from "../tickets/inbound-message.js";
import { appendToTicket } from "./append-to-ticket.js";
import { faqAnswerMessage } from "./faq-answer-message.js";
import type { Effects, IntakeDeps, IntakeOutcome } from "./intake-deps.js";
import { openParentTicket } from "./open-parent-ticket.js";
import { sendToParent } from "./parent-channel.js";
import type { SecondQuestion } from "./second-question.js";
import { notifyStaff } from "./staff-feed.js";
import { storeParentMessage } from "./store-parent-message.js";

type Routed = { outcome: IntakeOutcome; ticketId?: number };

/**
 * A second question on an open ticket: the FAQ's answer goes to the parent at once and
 * the message still appears in the topic, marked as answered by the FAQ (no reply is owed
 * for it, so the ticket's clock stays as it was); a question of another line opens a
 * ticket there, or joins the parent's open ticket of that line.
 */
export async function answerSecondQuestion(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  open: Ticket,
  message: ParsedInboundMessage,
  second: Exclude<SecondQuestion, { kind: "follow_up" }>,
): Promise<Routed> {
  if (second.kind === "other_line") {
    const there = await tx.ticket.findFirst({
      where: {
        contactId: contact.id,
        category: second.category,
        status: { in: [...openStatuses] },
      },
      orderBy: { updatedAt: "desc" },
    });
    if (there) {
      await appendToTicket(tx, deps, effects, contact, there, message);
      return { outcome: "appended", ticketId: there.id };
    }
    const ticket = await openParentTicket(tx, deps, effects, contact, message, {
      category: second.category,
    });
    return { outcome: "ticket_opened", ticketId: ticket.id };
  }
  const { suggestion, entry } = second;
  const lookup = await tx.faqLookup.create({
    data: {
      text: message.text.slice(0, 2000),
      normalized: suggestion.normalized.slice(0, 2000),
      bestSlug: entry.slug,
      score: suggestion.score,
      runnerUpSlug: suggestion.runnerUpSlug,
      outcome: "answered",
      channel: contact.channel,
      contactId: contact.id,
      ticketId: open.id,
    },
  });
  await recordFaqHit(tx, entry.id);
  const stored = await storeParentMessage(tx, open.id, contact, message, deps.clock.now());
  await notifyStaff(tx, effects, deps.settings, {
    op: "parent_message",
    ticketId: open.id,
    messageId: stored.id,
    faqTitle: entry.title,
  });
  const locale = asLocale(contact.locale);
  await sendToParent(tx, effects, contact, faqAnswerMessage(deps, locale, lookup.id, entry.answer));
  return { outcome: "faq_answer", ticketId: open.id };
}
