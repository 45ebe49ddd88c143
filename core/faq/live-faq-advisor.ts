import { readFile } from "node:fs/promises";
import type { Db } from "../db/index.js";
import { createFaqAdvisor } from "./faq-advisor.js";
import { createFaqRepository } from "./faq-repository.js";
import { packageFile } from "../shared/index.js";

export const defaultFaqFile = packageFile("locales", "ru", "faq.yaml");

type Advisor = ReturnType<typeof createFaqAdvisor>;

/**
 * The FAQ as the running service sees it: built from the published entries in the
 * database and rebuilt by `reload()` (the service calls it every minute), so an import or
 * a reviewed draft reaches parents without a restart. Calls always go to the newest build.
 */
export async function createLiveFaqAdvisor(
  db: Db,
): Promise<Advisor & { reload(): Promise<number> }> {
  const repository = createFaqRepository(db);
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
  let current = (await build()).advisor;
  return {
    suggest: (text, locale) => current.suggest(text, locale),
    inferCategory: (text) => current.inferCategory(text),
    entryById: (id) => current.entryById(id),
    topics: (locale) => current.topics(locale),
    async reload() {
      const next = await build();
      current = next.advisor;
      return next.count;
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
