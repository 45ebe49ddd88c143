import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Tx } from "../db/index.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { faqAnswerMessage } from "./faq-answer-message.js";
import { sendToParent } from "./parent-channel.js";

/** An answer picked from the FAQ menu, with the same "did it help?" buttons as a match. */
export async function showFaqEntry(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  entryId: number,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const entry = deps.faq.entryById(entryId);
  if (!entry) return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale") };
  const lookup = await tx.faqLookup.create({
    data: {
      text: entry.question,
      normalized: "",
      bestSlug: entry.slug,
      score: 1,
      outcome: "browsed",
      channel: contact.channel,
      contactId: contact.id,
    },
  });
  await tx.faqEntry.update({ where: { id: entry.id }, data: { hits: { increment: 1 } } });
  await sendToParent(
    tx,
    effects,
    contact,
    faqAnswerMessage(deps, locale, lookup.id, `${entry.question}\n\n${entry.answer}`),
  );
  return { outcome: "faq_entry_shown" };
}
