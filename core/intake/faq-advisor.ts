import type { Locale } from "../contacts/contact-locale.js";
import type { TicketCategory } from "../tickets/open-ticket.js";

/** The FAQ's verdict on one parent message, as intake needs it. */
export interface FaqSuggestion {
  decision: "answer" | "escalate";
  /** Why: "confident", "low_confidence", "ambiguous", "out_of_scope", … */
  reason: string;
  outOfScope?: string;
  entry?: OfferedEntry;
  score: number;
  runnerUpSlug?: string;
  normalized: string;
  /** Likely entries to offer as buttons with the ticket when the FAQ is unsure. */
  offers?: OfferedEntry[];
}

/** An FAQ entry as a button and the answer behind it. */
export interface OfferedEntry {
  id: number;
  slug: string;
  question: string;
  title: string;
  answer: string;
}

/** The port intake uses to ask the FAQ; core/faq provides the implementation. */
export interface FaqAdvisor {
  suggest(text: string, locale: Locale): FaqSuggestion;
  inferCategory(text: string): TicketCategory | undefined;
  /** Cues of each line in the text (absent: no line is ever named clearly). */
  categoryHits?(text: string): Record<TicketCategory, number>;
  entryById(id: number): OfferedEntry | undefined;
  topics(locale: Locale): { topic: string; entries: { id: number; question: string }[] }[];
}
