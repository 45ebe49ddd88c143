import type { Locale } from "../contacts/contact-locale.js";
import type { ParentOutbound } from "../outbound/outbound-message.js";
import type { IntakeDeps } from "./intake-deps.js";
import { encodeAction } from "./parent-actions.js";

/**
 * An FAQ answer with the "did it help?" buttons of its lookup. `needHumanKey` names the
 * second button: on an answer offered with an open ticket it keeps the ticket open rather
 * than opening one.
 */
export function faqAnswerMessage(
  deps: Pick<IntakeDeps, "i18n">,
  locale: Locale,
  lookupId: number,
  answer: string,
  needHumanKey = "faq-need-human",
): Extract<ParentOutbound, { type: "text" }> {
  return {
    type: "text",
    text: deps.i18n.t(locale, "faq-answer", { answer }),
    buttons: [
      [
        {
          label: deps.i18n.t(locale, "faq-helped"),
          action: encodeAction({ kind: "faq_feedback", lookupId, helpful: true }),
        },
        {
          label: deps.i18n.t(locale, needHumanKey),
          action: encodeAction({ kind: "faq_feedback", lookupId, helpful: false }),
        },
      ],
    ],
  };
}
