import type { Locale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import { recordFaqHit } from "../faq/faq-hits.js";
import type { ParentOutbound } from "../outbound/outbound-message.js";
import type { ParsedInboundMessage } from "../tickets/inbound-message.js";
import type { FaqSuggestion } from "./faq-advisor.js";
import type { Effects, IntakeDeps, IntakeOutcome } from "./intake-deps.js";
import { faqAnswerMessage } from "./faq-answer-message.js";
import { openParentTicket } from "./open-parent-ticket.js";
import { recentlyResolved, reopenWithMessage } from "./reopen-on-message.js";
import { encodeAction } from "./parent-actions.js";
import { sendToParent } from "./parent-channel.js";

/** Out-of-scope messages that deserve a short human reply instead of a ticket. */
const smallTalk: Record<string, string> = {
  greeting: "small-talk-greeting",
  thanks: "small-talk-thanks",
  gibberish: "small-talk-unclear",
};

/**
 * A new question with no open ticket: the FAQ answers when it is sure (with "did it
 * help?" buttons), a greeting or thanks gets a short reply, anything else becomes a
 * ticket, with the entries the FAQ almost chose offered as buttons. Every lookup is
 * logged for the "unanswered questions" report.
 */
export async function answerFromFaq(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  message: ParsedInboundMessage,
  locale: Locale,
): Promise<{ outcome: IntakeOutcome; ticketId?: number }> {
  const suggestion = deps.faq.suggest(message.text, locale);
  const outcome = decide(suggestion);
  const lookup = await tx.faqLookup.create({
    data: {
      text: message.text.slice(0, 2000),
      normalized: suggestion.normalized.slice(0, 2000),
      // Unanswered, the likeliest offer is the entry the question most likely needs.
      bestSlug: suggestion.entry?.slug ?? suggestion.offers?.[0]?.slug,
      score: suggestion.score,
      runnerUpSlug: suggestion.runnerUpSlug,
      outcome,
      channel: contact.channel,
      contactId: contact.id,
    },
  });
  if (outcome === "answered" && suggestion.entry) {
    await recordFaqHit(tx, suggestion.entry.id);
    await sendToParent(
      tx,
      effects,
      contact,
      faqAnswerMessage(deps, locale, lookup.id, suggestion.entry.answer),
    );
    return { outcome: "faq_answer" };
  }
  const smallTalkKey = smallTalkKeyOf(suggestion);
  if (outcome === "small_talk" && smallTalkKey) {
    await sendToParent(tx, effects, contact, smallTalkReply(deps, locale, smallTalkKey));
    return { outcome: "small_talk" };
  }
  const recent = await recentlyResolved(tx, deps, contact.id);
  if (recent && (await reopenWithMessage(tx, deps, effects, contact, recent, message))) {
    await tx.faqLookup.update({
      where: { id: lookup.id },
      data: { ticketId: recent.id, outcome: "reopened" },
    });
    return { outcome: "appended", ticketId: recent.id };
  }
  const ticket = await openParentTicket(tx, deps, effects, contact, message, {
    category: deps.faq.inferCategory(message.text),
    offers: suggestion.offers ?? [],
  });
  await tx.faqLookup.update({ where: { id: lookup.id }, data: { ticketId: ticket.id } });
  return { outcome: "ticket_opened", ticketId: ticket.id };
}

/** A short human reply to a greeting, thanks or gibberish, with "write to us". */
export function smallTalkReply(
  deps: Pick<IntakeDeps, "i18n">,
  locale: Locale,
  key: string,
): ParentOutbound {
  return {
    type: "text",
    text: deps.i18n.t(locale, key),
    buttons: [
      [
        {
          label: deps.i18n.t(locale, "menu-write"),
          action: encodeAction({ kind: "menu", item: "write" }),
        },
      ],
    ],
  };
}

export function smallTalkKeyOf(suggestion: FaqSuggestion): string | undefined {
  return suggestion.outOfScope ? smallTalk[suggestion.outOfScope] : undefined;
}

/** What the lookup log records: answered, small talk, or escalated to a ticket. */
export function decide(suggestion: FaqSuggestion): "answered" | "small_talk" | "escalated" {
  if (suggestion.decision === "answer" && suggestion.entry) return "answered";
  if (suggestion.outOfScope && smallTalk[suggestion.outOfScope]) return "small_talk";
  return "escalated";
}
