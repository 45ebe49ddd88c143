import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFaqMatcher,
  createFaqRepository,
  createLiveFaqAdvisor,
  FaqError,
  parseKbYaml,
  redisLearnedStore,
} from "../../core/faq/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";
import { createTestRedis } from "../support/test-redis.js";

const kbYaml = readFileSync(new URL("../../../shared/faq-bench/kb.yaml", import.meta.url), "utf8");
const localeYaml = readFileSync(new URL("../../locales/ru/faq.yaml", import.meta.url), "utf8");

describe("FAQ knowledge base in PostgreSQL", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it("imports kb.yaml idempotently: twice gives 56 entries", async () => {
    const repository = createFaqRepository(testDb.db);
    const first = await repository.importKbYaml(kbYaml, { locale: "ru" });
    expect(first.created).toHaveLength(56);
    const second = await repository.importKbYaml(kbYaml, { locale: "ru" });
    expect(second).toMatchObject({ created: [], updated: [] });
    expect(second.unchanged).toHaveLength(56);
    expect(await testDb.db.faqEntry.count({ where: { locale: "ru" } })).toBe(56);
  });

  it("updates a changed entry by id", async () => {
    const repository = createFaqRepository(testDb.db);
    const changed = kbYaml.replace(
      'question: "Как удалить свою учётную запись в Навигаторе?"',
      'question: "Как удалить кабинет?"',
    );
    const result = await repository.importKbYaml(changed, { locale: "ru" });
    expect(result.updated).toEqual(["account-delete"]);
    await repository.importKbYaml(kbYaml, { locale: "ru" });
  });

  it("stores, updates and exports an entry's short title", async () => {
    const repository = createFaqRepository(testDb.db);
    const titled = kbYaml.replace(
      "- id: account-delete\n  category: account\n",
      '- id: account-delete\n  category: account\n  title: "Удалить кабинет"\n',
    );
    expect(titled).not.toBe(kbYaml);
    expect((await repository.importKbYaml(titled, { locale: "ru" })).updated).toEqual([
      "account-delete",
    ]);
    const exported = await repository.exportEntries({ locale: "ru" });
    expect(exported.find((entry) => entry.id === "account-delete")?.title).toBe("Удалить кабинет");
    expect((await repository.importKbYaml(kbYaml, { locale: "ru" })).updated).toEqual([
      "account-delete",
    ]);
  });

  it("the live FAQ rebuilds after an edit, and only then", async () => {
    const live = await createLiveFaqAdvisor(testDb.db);
    const question = "Как удалить свою учётную запись в Навигаторе?";
    await testDb.db.faqEntry.updateMany({
      where: { slug: "account-delete" },
      data: { hits: { increment: 1 } },
    });
    expect(await live.reload()).toMatchObject({ rebuilt: false });
    await testDb.db.faqEntry.updateMany({
      where: { slug: "account-delete", locale: "ru" },
      data: { title: "Удалить кабинет" },
    });
    expect(await live.reload()).toMatchObject({ rebuilt: true });
    const entry = live
      .topics("ru")
      .flatMap((topic) => topic.entries)
      .find((e) => e.question === question);
    expect(live.entryById(entry?.id ?? 0)?.title).toBe("Удалить кабинет");
    await testDb.db.faqEntry.updateMany({
      where: { slug: "account-delete" },
      data: { title: null },
    });
  });

  it("processes reloading the same edit train its classifier once, through Redis", async () => {
    const testRedis = createTestRedis();
    try {
      const learned = { store: redisLearnedStore(testRedis.redis, testRedis.prefix), pollMs: 20 };
      const [first, second] = [
        await createLiveFaqAdvisor(testDb.db, learned),
        await createLiveFaqAdvisor(testDb.db, learned),
      ];
      expect([first.learnedFrom.ru, second.learnedFrom.ru]).toEqual(["trained", "store"]);
      await testDb.db.faqEntry.updateMany({
        where: { slug: "account-delete", locale: "ru" },
        data: { phrasings: { push: "как стереть свой кабинет навсегда" } },
      });
      const reloads = await Promise.all([first.reload(), second.reload()]);
      expect(reloads.map((r) => r.rebuilt)).toEqual([true, true]);
      expect([first.learnedFrom.ru, second.learnedFrom.ru].sort()).toEqual(["store", "trained"]);
      // A new title changes nothing the classifier reads: rebuilt, not trained again.
      await testDb.db.faqEntry.updateMany({
        where: { slug: "account-delete", locale: "ru" },
        data: { title: "Удалить кабинет" },
      });
      expect(await first.reload()).toMatchObject({ rebuilt: true });
      expect(first.learnedFrom.ru).toBe("store");
    } finally {
      await createFaqRepository(testDb.db).importKbYaml(kbYaml, { locale: "ru" });
      await testDb.db.faqEntry.updateMany({
        where: { slug: "account-delete" },
        data: { title: null },
      });
      await testRedis.cleanup();
    }
  });

  it("rejects a malformed file naming entry and field, importing nothing", async () => {
    const repository = createFaqRepository(testDb.db);
    // The first entries are valid; a later one lost its answer: nothing may be imported.
    const broken = kbYaml.replace(/(- id: children-add\n(?:.*\n)*?\s+answer: )".*"/, '$1""');
    expect(broken).not.toBe(kbYaml);
    const error = await repository.importKbYaml(broken, { locale: "xx" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaqError);
    expect((error as FaqError).issues).toEqual([
      expect.objectContaining({ entry: "children-add", field: "answer" }),
    ]);
    expect((error as FaqError).message).toContain("entry children-add, field answer");
    expect(await testDb.db.faqEntry.count({ where: { locale: "xx" } })).toBe(0);
  });

  it("exports what it imported", async () => {
    const exported = await createFaqRepository(testDb.db).exportEntries({ locale: "ru" });
    expect(exported).toEqual(parseKbYaml(kbYaml));
  });

  it("imports the default FAQ of locales/ru", async () => {
    const result = await createFaqRepository(testDb.db).importKbYaml(localeYaml, {
      locale: "ru-default",
    });
    expect(result.created.length).toBeGreaterThanOrEqual(40);
  });

  it("logs lookups, counts feedback once and reports unanswered questions", async () => {
    const repository = createFaqRepository(testDb.db);
    const entries = await repository.loadPublished({ locale: "ru" });
    expect(entries).toHaveLength(56);
    const matcher = createFaqMatcher(entries);

    const answered = matcher.match("забыла пароль от личного кабинета, как восстановить?");
    expect(answered.decision).toBe("answer");
    const lookupId = await repository.recordLookup({
      text: "забыла пароль",
      match: answered,
      channel: "telegram",
    });
    expect(await repository.recordFeedback(lookupId, false)).toBe(true);
    expect(await repository.recordFeedback(lookupId, true)).toBe(false);
    const entry = await testDb.db.faqEntry.findFirst({
      where: { slug: answered.best?.id, locale: "ru" },
    });
    expect(entry).toMatchObject({ hits: 1, helpfulYes: 0, helpfulNo: 1 });

    for (const text of [
      "как оплатить летний лагерь",
      "летний лагерь как оплатить?",
      "где купить школьную форму",
    ])
      await repository.recordLookup({ text, match: matcher.match(text) });
    await repository.recordLookup({ text: "спасибо", match: matcher.match("спасибо") });
    const lookups = await testDb.db.faqLookup.findMany({ orderBy: { id: "asc" } });
    expect(lookups.map((l) => l.outcome)).toEqual([
      "answered",
      "escalated",
      "escalated",
      "escalated",
      "small_talk",
    ]);

    const report = await repository.unansweredReport();
    expect(report[0]).toMatchObject({ count: 2 });
    expect(report.map((g) => g.example)).toContain("где купить школьную форму");
    expect(report.map((g) => g.example)).toContain("забыла пароль");
  });
});
