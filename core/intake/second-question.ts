import type { Locale } from "../contacts/contact-locale.js";
import type { TicketCategory } from "../tickets/open-ticket.js";
import type { FaqAdvisor, FaqSuggestion, OfferedEntry } from "./faq-advisor.js";

/** What a parent's message on an open ticket is. */
export type SecondQuestion =
  | { kind: "follow_up" }
  /** A question the FAQ answers confidently: answered at once, still shown to the agents. */
  | { kind: "faq"; suggestion: FaqSuggestion; entry: OfferedEntry }
  /** A question that clearly belongs to another line: a ticket of its own there. */
  | { kind: "other_line"; category: TicketCategory };

/** Fewer words than this are a reply ("спасибо", "да, жду", "12345"), never a new question. */
const MIN_QUESTION_WORDS = 3;
/** Cues of another line needed (with none of the open ticket's line) to call it clear. */
const CLEAR_LINE_CUES = 2;

const followUp: SecondQuestion = { kind: "follow_up" };

/**
 * A question mark or a question word: a follow-up such as "Добавлю: ребёнку 9 лет" can
 * look like an FAQ question to the matcher, so only what is asked as a question is one.
 */
const QUESTION =
  /\?|(?:^|[^\p{L}])(?:как|где|что|почему|зачем|когда|куда|откуда|сколько|какой|какая|какое|какие|каким|какую|кто|чем|можно|ли|how|where|what|why|when|which|can|could)(?=[^\p{L}]|$)/iu;

/**
 * Decides whether a parent's message on an open ticket is a follow-up (the default: it
 * joins the ticket as before) or a second question. Files, albums, short replies, numbers
 * and small talk are always follow-ups; a question the FAQ answers confidently is an FAQ
 * question;
 * cues that name another line clearly (and none of the ticket's own) make it that line's.
 */
export function classifySecondQuestion(
  faq: FaqAdvisor,
  message: { text: string; attachments: readonly unknown[]; mediaGroupId?: string },
  openCategory: TicketCategory,
  locale: Locale,
): SecondQuestion {
  if (message.attachments.length > 0 || message.mediaGroupId) return followUp;
  const words = message.text.match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_QUESTION_WORDS) return followUp;
  if (QUESTION.test(message.text)) {
    const suggestion = faq.suggest(message.text, locale);
    if (suggestion.outOfScope) return followUp;
    if (suggestion.decision === "answer" && suggestion.entry)
      return { kind: "faq", suggestion, entry: suggestion.entry };
  }
  const hits = faq.categoryHits?.(message.text);
  if (!hits || hits[openCategory] > 0) return followUp;
  const [best, runnerUp] = (Object.entries(hits) as [TicketCategory, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  if (!best || best[1] < CLEAR_LINE_CUES || (runnerUp && runnerUp[1] === best[1])) return followUp;
  return { kind: "other_line", category: best[0] };
}
