import { categoryHits, inferCategory } from "./category.js";
import { entryTitle } from "./entry-title.js";
import type { StoredFaqEntry } from "./faq-repository.js";
import type { FaqMatch } from "./faq-types.js";
import { createFaqMatcher, type FaqMatcher, type FaqMatcherOptions } from "./matcher.js";

/** An entry as intake shows it (database id and slug). */
export interface AdvisedEntry {
  id: number;
  slug: string;
  question: string;
  /** Short name for a button (`entryTitle`). */
  title: string;
  answer: string;
}

/** The FAQ verdict in the shape of core/intake's `FaqSuggestion`. */
export interface FaqAdvice {
  decision: FaqMatch["decision"];
  reason: string;
  outOfScope?: string;
  entry?: AdvisedEntry;
  score: number;
  runnerUpSlug?: string;
  normalized: string;
  /** Likely entries to offer with the ticket when the matcher is unsure (at most three). */
  offers?: AdvisedEntry[];
}

interface LocaleBase {
  matcher: FaqMatcher;
  bySlug: Map<string, StoredFaqEntry>;
  entries: StoredFaqEntry[];
}

/** Verdicts remembered: more than the messages a process has in hand at once. */
const RECENT_VERDICTS = 256;

const advised = (entry: StoredFaqEntry): AdvisedEntry => ({
  id: entry.entryId,
  slug: entry.id,
  question: entry.question,
  title: entryTitle(entry),
  answer: entry.answer,
});

/**
 * Adapts the matcher to the FAQ port intake uses (`FaqAdvisor` in core/intake, matched by
 * shape so core/faq does not depend on intake): one matcher per locale, built once from
 * the published entries (`FaqRepository.loadPublished`). A locale without entries falls
 * back to `fallbackLocale`.
 */
export function createFaqAdvisor(
  entriesByLocale: Record<string, StoredFaqEntry[]>,
  options: FaqMatcherOptions & {
    fallbackLocale?: string;
    /** Matchers already built for these entries (`learnMatcher`), by locale. */
    matchers?: Record<string, FaqMatcher>;
  } = {},
) {
  const bases = new Map<string, LocaleBase>();
  for (const [locale, entries] of Object.entries(entriesByLocale)) {
    if (entries.length === 0) continue;
    bases.set(locale, {
      matcher: options.matchers?.[locale] ?? createFaqMatcher(entries, options),
      bySlug: new Map(entries.map((entry) => [entry.id, entry])),
      entries,
    });
  }
  const baseFor = (locale: string) =>
    bases.get(locale) ?? bases.get(options.fallbackLocale ?? "ru");
  const recent = new Map<string, FaqAdvice>();
  const suggest = (text: string, locale: string): FaqAdvice => {
    const base = baseFor(locale);
    if (!base)
      return { decision: "escalate", reason: "no_knowledge_base", score: 0, normalized: "" };
    const match = base.matcher.match(text);
    const entry = match.best ? base.bySlug.get(match.best.id) : undefined;
    const offers = (match.offers ?? []).flatMap((offer) => {
      const offered = base.bySlug.get(offer.id);
      return offered ? [advised(offered)] : [];
    });
    return {
      decision: match.decision,
      reason: match.reason,
      ...(match.outOfScope ? { outOfScope: match.outOfScope } : {}),
      ...(entry && match.decision === "answer" ? { entry: advised(entry) } : {}),
      score: match.confidence ?? 0,
      ...(match.runnerUp ? { runnerUpSlug: match.runnerUp.id } : {}),
      normalized: match.normalized,
      ...(offers.length > 0 ? { offers } : {}),
    };
  };
  return {
    /**
     * The verdict on a text, computed once: a message that leaves the hot path (a second
     * question on an open ticket, say) is judged again on the general path a moment later,
     * and the matcher is the dearest step of both. The last few verdicts are kept (the
     * advisor is rebuilt, and the memory dropped, whenever the entries change); a verdict is
     * frozen, as every caller only reads it.
     */
    suggest(text: string, locale: string): FaqAdvice {
      const key = `${locale}\u0000${text}`;
      const known = recent.get(key);
      if (known) return known;
      const advice = Object.freeze(suggest(text, locale));
      if (recent.size >= RECENT_VERDICTS) recent.delete(recent.keys().next().value as string);
      recent.set(key, advice);
      return advice;
    },
    inferCategory,
    categoryHits,
    entryById(id: number): AdvisedEntry | undefined {
      for (const base of bases.values()) {
        const entry = base.entries.find((candidate) => candidate.entryId === id);
        if (entry) return advised(entry);
      }
      return undefined;
    },
    /** Entries grouped by category, in the order the base lists them. */
    topics(locale: string): { topic: string; entries: { id: number; question: string }[] }[] {
      const topics = new Map<string, { id: number; question: string }[]>();
      for (const entry of baseFor(locale)?.entries ?? []) {
        const list = topics.get(entry.category) ?? [];
        list.push({ id: entry.entryId, question: entry.question });
        topics.set(entry.category, list);
      }
      return [...topics].map(([topic, entries]) => ({ topic, entries }));
    },
  };
}

/** The advisor's operations. */
export type FaqAdvisorService = ReturnType<typeof createFaqAdvisor>;
