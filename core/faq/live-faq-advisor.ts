import { readFile } from "node:fs/promises";
import type { Db } from "../db/index.js";
import { createFaqAdvisor } from "./faq-advisor.js";
import { createFaqRepository } from "./faq-repository.js";
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
 */
export async function createLiveFaqAdvisor(
  db: Db,
): Promise<Advisor & { reload(): Promise<{ rebuilt: boolean; count: number }> }> {
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
    return {
      advisor: createFaqAdvisor({ ru, en }, { fallbackLocale: "ru" }),
      count: ru.length + en.length,
    };
  };
  let digest = await version();
  let latest = await build();
  return {
    suggest: (text, locale) => latest.advisor.suggest(text, locale),
    inferCategory: (text) => latest.advisor.inferCategory(text),
    categoryHits: (text) =>
      latest.advisor.categoryHits?.(text) ?? { site: 0, booking: 0, other: 0 },
    entryById: (id) => latest.advisor.entryById(id),
    topics: (locale) => latest.advisor.topics(locale),
    async reload() {
      const seen = await version();
      if (seen === digest) return { rebuilt: false, count: latest.count };
      latest = await build();
      digest = seen;
      return { rebuilt: true, count: latest.count };
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
