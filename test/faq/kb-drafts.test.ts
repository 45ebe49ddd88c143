import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaqRepository, FaqError, formatKbYaml } from "../../core/faq/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

const published = {
  slug: "certificate-get",
  category: "certificate",
  question: "Как получить сертификат?",
  answer: "Подайте заявку в личном кабинете.",
  published: true,
};
const draft = {
  slug: "draft-17-1764662400000",
  category: "booking",
  question: "Не приходит код, мой номер +7 *** ***-**-67",
  answer: "Проверьте папку «Спам».",
  published: false,
  source: "agent_draft",
};

describe("FAQ drafts are reviewed, never published by an export and import", () => {
  let source: TestDb;
  let target: TestDb;
  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDb(), createTestDb()]);
    await source.db.faqEntry.createMany({ data: [published, draft] });
  });
  afterAll(async () => {
    await Promise.all([source.drop(), target.drop()]);
  });

  it("export marks drafts; importing the file publishes none of them", async () => {
    const file = formatKbYaml(await createFaqRepository(source.db).exportEntries());
    expect(file).toContain("draft: true");
    expect(file.match(/draft: true/g)).toHaveLength(1);

    const repository = createFaqRepository(target.db);
    const result = await repository.importKbYaml(file);
    expect(result.created.sort()).toEqual([draft.slug, published.slug].sort());
    expect((await repository.loadPublished()).map((e) => e.id)).toEqual([published.slug]);
    expect(
      (await target.db.faqEntry.findFirstOrThrow({ where: { slug: draft.slug } })).published,
    ).toBe(false);
    // A second import of the same file changes nothing, the draft stays a draft.
    expect(await repository.importKbYaml(file)).toMatchObject({ created: [], updated: [] });
    expect((await repository.listDrafts()).map((d) => d.slug)).toEqual([draft.slug]);
  });

  it("publish makes a draft live, reject deletes one; an unknown id is a clear error", async () => {
    const repository = createFaqRepository(target.db);
    await repository.decideDraft(draft.slug, "publish");
    expect((await repository.loadPublished()).map((e) => e.id).sort()).toEqual(
      [draft.slug, published.slug].sort(),
    );
    expect(await repository.listDrafts()).toEqual([]);
    const error = await repository.decideDraft(draft.slug, "publish").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaqError);
    expect((error as FaqError).code).toBe("FAQ_DRAFT_NOT_FOUND");

    await target.db.faqEntry.create({ data: { ...draft, slug: "draft-18-1" } });
    await repository.decideDraft("draft-18-1", "reject");
    expect(await target.db.faqEntry.count({ where: { slug: "draft-18-1" } })).toBe(0);
    // A published entry is never "rejected" by mistake.
    await expect(repository.decideDraft(published.slug, "reject")).rejects.toThrow(
      /There is no draft "certificate-get"/,
    );
  });
});
