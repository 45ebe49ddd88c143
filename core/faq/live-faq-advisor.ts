import { readFile } from "node:fs/promises";
import type { Db } from "../db/index.js";
import { createFaqAdvisor } from "./faq-advisor.js";
import { createFaqRepository } from "./faq-repository.js";
import { learnMatcher, type LearnedSource, type LearnOptions } from "./learned-store.js";
import { createFaqMatcher, type FaqMatcher } from "./matcher.js";
import { shippedExamplesFor } from "./example-labels.js";
import { packageFile } from "../shared/index.js";

export const defaultFaqFile = packageFile("locales", "ru", "faq.yaml");

type Advisor = ReturnType<typeof createFaqAdvisor>;

/**
 * The FAQ as the running service sees it: built from the published entries in the
 * database and rebuilt by `reload()` when their content changed, so an import or a
 * published draft reaches parents in every process without a restart. `reload()` first
 * compares a digest of the entries' content, computed by PostgreSQL (the hit and
 * "helpful" counters, which change all day, are left out): one query when nothing
 * changed, so every process can check often while a large base is rebuilt only after an
 * edit. Calls always go to the newest build.
 *
 * The learned classifier of a build is never trained in one block of the event loop (it
 * costs 0.3 to 1 s of CPU a locale): its weights come from `learned.store` (Redis, shared
 * by the processes) when any process already trained the same texts, else it trains in
 * slices of about 10 ms between messages and stores them (`learnMatcher`). Until a
 * rebuild is complete the previous build answers, so parents never meet a half-built FAQ.
 */
export async function createLiveFaqAdvisor(
  db: Db,
  learned: LearnOptions = {},
): Promise<
  Advisor & {
    reload(): Promise<{ rebuilt: boolean; count: number }>;
    /** Where each locale's classifier of the newest build came from. */
    readonly learnedFrom: Record<string, LearnedSource>;
  }
> {
  const repository = createFaqRepository(db);
  const version = async () => {
    const [row] = await db.$queryRaw<{ digest: string | null }[]>`
      SELECT md5(string_agg(concat_ws(chr(31), "id", "slug", "locale", "published", "category",
        "question", "title", "answer", array_to_string("phrasings", chr(30)),
        array_to_string("keywords", chr(30))), chr(29) ORDER BY "id")) AS digest
      FROM "FaqEntry"`;
    return row?.digest ?? "";
  };
  const build = async () => {
    const [ru, en] = await Promise.all([
      repository.loadPublished({ locale: "ru" }),
      repository.loadPublished({ locale: "en" }),
    ]);
    const matchers: Record<string, FaqMatcher> = {};
    const learnedFrom: Record<string, LearnedSource> = {};
    for (const [locale, entries] of Object.entries({ ru, en })) {
      if (entries.length === 0) continue;
      const built = await learnMatcher(
        createFaqMatcher(entries, { examples: null }),
        entries,
        shippedExamplesFor(entries.map((entry) => entry.id)),
        learned,
      );
      matchers[locale] = built.matcher;
      learnedFrom[locale] = built.source;
    }
    return {
      advisor: createFaqAdvisor({ ru, en }, { fallbackLocale: "ru", matchers }),
      count: ru.length + en.length,
      learnedFrom,
    };
  };
  let digest = await version();
  let latest = await build();
  let reloading: Promise<{ rebuilt: boolean; count: number }> | undefined;
  return {
    suggest: (text, locale) => latest.advisor.suggest(text, locale),
    inferCategory: (text) => latest.advisor.inferCategory(text),
    categoryHits: (text) =>
      latest.advisor.categoryHits?.(text) ?? { site: 0, booking: 0, other: 0 },
    entryById: (id) => latest.advisor.entryById(id),
    topics: (locale) => latest.advisor.topics(locale),
    get learnedFrom() {
      return latest.learnedFrom;
    },
    reload() {
      // A rebuild may wait for another process's training longer than the reload interval.
      reloading ??= (async () => {
        const seen = await version();
        if (seen === digest) return { rebuilt: false, count: latest.count };
        latest = await build();
        digest = seen;
        return { rebuilt: true, count: latest.count };
      })().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
  };
}

/** Loads the shipped FAQ (locales/ru/faq.yaml) into an empty knowledge base. */
export async function seedDefaultFaq(db: Db, file: string = defaultFaqFile): Promise<number> {
  if ((await db.faqEntry.count()) > 0) return 0;
  const result = await createFaqRepository(db).importKbYaml(await readFile(file, "utf8"), {
    locale: "ru",
    source: "default",
  });
  return result.created.length;
}
