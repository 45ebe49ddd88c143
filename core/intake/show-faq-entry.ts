import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import { recordFaqHit } from "../faq/faq-hits.js";
import type { OfferedEntry } from "./faq-advisor.js";
import { faqAnswerMessage } from "./faq-answer-message.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { sendToParent } from "./parent-channel.js";

/** An answer picked from the FAQ menu, with the same "did it help?" buttons as a match. */
export async function showFaqEntry(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  entryId: number,
): Promise<ActionReply> {
  const entry = deps.faq.entryById(entryId);
  if (!entry)
    return { outcome: "stale", toast: deps.i18n.t(asLocale(contact.locale), "action-stale") };
  await sendFaqEntry(tx, deps, effects, contact, entry, { outcome: "browsed" });
  return { outcome: "faq_entry_shown" };
}

/**
 * Sends an entry the parent picked (question and answer) with "did it help?" buttons,
 * logging the lookup the buttons carry and counting a hit.
 */
export async function sendFaqEntry(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  entry: OfferedEntry,
  options: { outcome: string; ticketId?: number; needHumanKey?: string },
): Promise<void> {
  const lookup = await tx.faqLookup.create({
    data: {
      text: entry.question,
      normalized: "",
      bestSlug: entry.slug,
      score: 1,
      outcome: options.outcome,
      channel: contact.channel,
      contactId: contact.id,
      ticketId: options.ticketId,
    },
  });
  await recordFaqHit(tx, entry.id);
  const answer = `${entry.question}\n\n${entry.answer}`;
  await sendToParent(
    tx,
    effects,
    contact,
    faqAnswerMessage(deps, asLocale(contact.locale), lookup.id, answer, options.needHumanKey),
    options.ticketId === undefined ? {} : { ticketId: options.ticketId },
  );
}
