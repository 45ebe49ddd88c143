import type { Locale } from "../contacts/contact-locale.js";
import type { TicketCategory } from "../tickets/open-ticket.js";

/** The FAQ's verdict on one parent message, as intake needs it. */
export interface FaqSuggestion {
  decision: "answer" | "escalate";
  /** Why: "confident", "low_confidence", "ambiguous", "out_of_scope", … */
  reason: string;
  outOfScope?: string;
  entry?: { id: number; slug: string; question: string; answer: string };
  score: number;
  runnerUpSlug?: string;
  normalized: string;
}

/** The port intake uses to ask the FAQ; core/faq provides the implementation. */
export interface FaqAdvisor {
  suggest(text: string, locale: Locale): FaqSuggestion;
  inferCategory(text: string): TicketCategory | undefined;
  entryById(id: number): { id: number; slug: string; question: string; answer: string } | undefined;
  topics(locale: Locale): { topic: string; entries: { id: number; question: string }[] }[];
}
