import type { Db } from "../db/index.js";
import { staffView } from "../privacy/index.js";
import type { FaqEntryInput, FaqMatch } from "./faq-types.js";
import { FaqError } from "./faq-error.js";
import { parseKbYaml } from "./kb-schema.js";
import { groupQuestions, type QuestionGroup } from "./question-groups.js";

/** A published entry as the matcher needs it, with its database id. */
export interface StoredFaqEntry extends FaqEntryInput {
  /** FaqEntry.id (the matcher's `id` is the slug). */
  entryId: number;
}

/** What an import changed; ids are slugs. */
export interface ImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** How a looked-up message was handled (the values intake also writes). */
export type LookupOutcome = "answered" | "small_talk" | "escalated";

const smallTalk = new Set(["greeting", "thanks", "gibberish", "empty"]);

/** The outcome to log for a match: answered, small talk (greeting/thanks/noise), escalated. */
export function lookupOutcome(match: FaqMatch): LookupOutcome {
  if (match.decision === "answer") return "answered";
  return match.outOfScope && smallTalk.has(match.outOfScope) ? "small_talk" : "escalated";
}

function sameContent(a: FaqEntryInput, b: FaqEntryInput): boolean {
  return (
    a.category === b.category &&
    a.question === b.question &&
    (a.title ?? null) === (b.title ?? null) &&
    a.answer === b.answer &&
    a.phrasings.join("\n") === b.phrasings.join("\n") &&
    a.keywords.join("\n") === b.keywords.join("\n") &&
    Boolean(a.draft) === Boolean(b.draft)
  );
}

/**
 * Knowledge-base storage on the database: import and export, loading the published
 * entries for the matcher, logging lookups and "did this help?" answers, and the report
 * of unanswered questions.
 */
export function createFaqRepository(db: Db) {
  return {
    /**
     * Imports validated entries in one transaction, keyed by slug and locale: new ones
     * are created, changed ones updated, identical ones left alone, so importing the same
     * file twice changes nothing. Entries are published unless the file marks them
     * `draft: true`: a draft is never published by an import, only by `publishDraft`.
     */
    async importEntries(
      entries: readonly FaqEntryInput[],
      options: { locale?: string; source?: string } = {},
    ): Promise<ImportResult> {
      const locale = options.locale ?? "ru";
      const result: ImportResult = { created: [], updated: [], unchanged: [] };
      await db.$transaction(
        async (tx) => {
          const existing = await tx.faqEntry.findMany({
            where: { locale, slug: { in: entries.map((e) => e.id) } },
          });
          const bySlug = new Map(existing.map((row) => [row.slug, row]));
          for (const entry of entries) {
            const data = {
              category: entry.category,
              question: entry.question,
              title: entry.title ?? null,
              answer: entry.answer,
              phrasings: entry.phrasings,
              keywords: entry.keywords,
            };
            const row = bySlug.get(entry.id);
            if (!row) {
              await tx.faqEntry.create({
                data: {
                  ...data,
                  published: !entry.draft,
                  slug: entry.id,
                  locale,
                  source: options.source ?? "import",
                },
              });
              result.created.push(entry.id);
            } else if (
              sameContent(
                { ...row, id: row.slug, title: row.title ?? undefined, draft: !row.published },
                entry,
              )
            ) {
              result.unchanged.push(entry.id);
            } else {
              await tx.faqEntry.update({
                where: { id: row.id },
                data: { ...data, published: !entry.draft },
              });
              result.updated.push(entry.id);
            }
          }
        },
        { timeout: 60_000, maxWait: 15_000 },
      );
      return result;
    },

    /** Parses, validates and imports a YAML file's text; nothing is written if any entry is bad. */
    async importKbYaml(source: string, options: { locale?: string; source?: string } = {}) {
      return this.importEntries(parseKbYaml(source), options);
    },

    /** Every entry of a locale, unpublished ones marked `draft`, in the order they were created. */
    async exportEntries(options: { locale?: string } = {}): Promise<FaqEntryInput[]> {
      const rows = await db.faqEntry.findMany({
        where: { locale: options.locale ?? "ru" },
        orderBy: { id: "asc" },
      });
      return rows.map((row) => ({
        id: row.slug,
        category: row.category,
        question: row.question,
        ...(row.title ? { title: row.title } : {}),
        answer: row.answer,
        phrasings: row.phrasings,
        keywords: row.keywords,
        ...(row.published ? {} : { draft: true }),
      }));
    },

    /** The drafts waiting for review (any locale), oldest first. */
    async listDrafts() {
      return db.faqEntry.findMany({
        where: { published: false },
        orderBy: { id: "asc" },
        select: {
          slug: true,
          locale: true,
          category: true,
          question: true,
          answer: true,
          source: true,
          createdAt: true,
        },
      });
    },

    /**
     * A reviewer's decision on a draft (by slug): "publish" makes the matcher use it,
     * "reject" deletes it. FAQ_ENTRY_NOT_FOUND when there is no such draft.
     */
    async decideDraft(
      slug: string,
      decision: "publish" | "reject",
      options: { locale?: string } = {},
    ) {
      const where = { locale: options.locale ?? "ru", slug, published: false };
      const { count } =
        decision === "publish"
          ? await db.faqEntry.updateMany({ where, data: { published: true } })
          : await db.faqEntry.deleteMany({ where });
      if (count === 0)
        throw new FaqError(
          "FAQ_DRAFT_NOT_FOUND",
          `There is no draft "${slug}" (see: npm run faq -- drafts).`,
          [],
        );
    },

    /** The published entries of a locale, ready for `createFaqMatcher`. */
    async loadPublished(options: { locale?: string } = {}): Promise<StoredFaqEntry[]> {
      const rows = await db.faqEntry.findMany({
        where: { locale: options.locale ?? "ru", published: true },
        orderBy: { id: "asc" },
      });
      return rows.map((row) => ({
        entryId: row.id,
        id: row.slug,
        category: row.category,
        question: row.question,
        ...(row.title ? { title: row.title } : {}),
        answer: row.answer,
        phrasings: row.phrasings,
        keywords: row.keywords,
      }));
    },

    /**
     * Logs one lookup (text, best entry, score, outcome) and counts a hit on the answered
     * entry. Returns the lookup id, which the "did this help?" buttons carry.
     */
    async recordLookup(input: {
      text: string;
      match: FaqMatch;
      locale?: string;
      channel?: string;
      contactId?: number;
      ticketId?: number;
    }): Promise<number> {
      const outcome = lookupOutcome(input.match);
      const lookup = await db.faqLookup.create({
        data: {
          text: input.text.slice(0, 2000),
          normalized: input.match.normalized.slice(0, 2000),
          bestSlug: input.match.best?.id ?? null,
          score: input.match.confidence ?? 0,
          runnerUpSlug: input.match.runnerUp?.id ?? null,
          outcome,
          channel: input.channel ?? null,
          contactId: input.contactId ?? null,
          ticketId: input.ticketId ?? null,
        },
      });
      if (outcome === "answered" && input.match.best)
        await db.faqEntry.updateMany({
          where: { slug: input.match.best.id, locale: input.locale ?? "ru" },
          data: { hits: { increment: 1 } },
        });
      return lookup.id;
    },

    /**
     * Counts a "did this help?" answer on the entry the lookup answered with. Only the
     * first answer per lookup counts; returns false when it was already answered or the
     * lookup does not exist.
     */
    async recordFeedback(lookupId: number, helpful: boolean, locale = "ru"): Promise<boolean> {
      const claimed = await db.faqLookup.updateMany({
        where: { id: lookupId, helpful: null },
        data: { helpful },
      });
      if (claimed.count === 0) return false;
      const lookup = await db.faqLookup.findUnique({ where: { id: lookupId } });
      if (lookup?.bestSlug)
        await db.faqEntry.updateMany({
          where: { slug: lookup.bestSlug, locale },
          data: helpful ? { helpfulYes: { increment: 1 } } : { helpfulNo: { increment: 1 } },
        });
      return true;
    },

    /**
     * The most frequent questions the FAQ did not answer (escalated, or answered and
     * marked unhelpful), grouped by shared words: candidates for new entries.
     */
    async unansweredReport(
      options: { since?: Date; limit?: number; scan?: number } = {},
    ): Promise<QuestionGroup[]> {
      const rows = await db.faqLookup.findMany({
        where: {
          ...(options.since ? { createdAt: { gte: options.since } } : {}),
          OR: [
            { outcome: { in: ["escalated", "escalated_after_answer"] } },
            // An offered answer's lookup holds the entry's question, not the parent's.
            { helpful: false, outcome: { not: "offered" } },
          ],
        },
        orderBy: { id: "desc" },
        take: options.scan ?? 5000,
        select: { text: true, bestSlug: true },
      });
      // Parents' own words, shown to staff: personal data masked before grouping.
      return groupQuestions(
        rows.map((row) => ({ text: staffView(row.text), nearestSlug: row.bestSlug })),
        { limit: options.limit ?? 20 },
      );
    },

    /**
     * Phrasings parents confirmed: the first message of every ticket the parent solved
     * with an offered answer ("Помогло"), masked, with the entry it belongs to. Material
     * for the knowledge base's review, newest first; never added on its own.
     */
    async suggestedPhrasings(
      options: { since?: Date; limit?: number } = {},
    ): Promise<PhrasingSuggestion[]> {
      const rows = await db.faqLookup.findMany({
        where: {
          outcome: "offered",
          helpful: true,
          ticketId: { not: null },
          ...(options.since ? { createdAt: { gte: options.since } } : {}),
        },
        orderBy: { id: "desc" },
        take: options.limit ?? 50,
        select: { bestSlug: true, ticketId: true, createdAt: true },
      });
      const firstMessages = await db.message.findMany({
        where: { ticketId: { in: rows.flatMap((row) => row.ticketId ?? []) }, direction: "in" },
        orderBy: { id: "asc" },
        distinct: ["ticketId"],
        select: { ticketId: true, text: true },
      });
      const byTicket = new Map(firstMessages.map((m) => [m.ticketId, m.text]));
      return rows.flatMap((row) => {
        const text = row.ticketId === null ? undefined : byTicket.get(row.ticketId);
        if (!row.bestSlug || !text) return [];
        return [{ slug: row.bestSlug, text: staffView(text), at: row.createdAt }];
      });
    },
  };
}

/** A parent's wording that an offered entry answered (see `suggestedPhrasings`). */
export interface PhrasingSuggestion {
  slug: string;
  /** The parent's message, personal data masked. */
  text: string;
  at: Date;
}

/** The FAQ repository's operations. */
export type FaqRepository = ReturnType<typeof createFaqRepository>;
