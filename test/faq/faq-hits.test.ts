import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchFaqEntries } from "../../core/console/index.js";
import { createDb, type Db } from "../../core/db/index.js";
import { foldFaqHits } from "../../core/faq/index.js";
import { faqHitsFoldTask } from "../../core/runtime/index.js";
import { parentText } from "../intake/parent-text.js";
import { createTestCore, type TestCore } from "../support/test-core.js";

/**
 * FAQ hits are written behind (core/faq/faq-hits.ts): answers append to FaqEntryHit, a
 * fold moves them into FaqEntry.hits. The count a reader sees must be the true one before
 * and after folding, and no hit may be counted twice or lost when folds overlap.
 */
let t: TestCore;
let db: Db;
let other: Db;
const question = "Как восстановить забытый пароль?";

async function answeredEntry() {
  const lookup = await db.faqLookup.findFirstOrThrow({
    where: { outcome: "answered" },
    orderBy: { id: "desc" },
  });
  return db.faqEntry.findFirstOrThrow({ where: { slug: lookup.bestSlug ?? "" } });
}

async function shownHits(entryId: number): Promise<number> {
  const shown = await searchFaqEntries(db, "");
  const entry = shown.find((e) => e.id === entryId);
  if (!entry) throw new Error(`entry ${entryId} is not in the console's FAQ list`);
  return entry.hits;
}

beforeAll(async () => {
  t = await createTestCore({ faq: "default" });
  db = t.testDb.db;
  // A second client with its own pool: a fold in another process.
  other = createDb(t.testDb.url, { poolSize: 4 });
});
afterAll(async () => {
  await other.$disconnect();
  await t.close();
});

describe("FAQ hits without a hot row", () => {
  it("records an answer as a pending hit, leaving the entry row (and updatedAt) alone", async () => {
    const results = await Promise.all(
      ["8001", "8002", "8003"].map((user) => t.core.receiveMessage(parentText(user, question))),
    );
    expect(results.map((r) => r.outcome)).toEqual(["faq_answer", "faq_answer", "faq_answer"]);
    const entry = await answeredEntry();
    expect(entry.hits).toBe(0);
    expect(await db.faqEntryHit.count({ where: { entryId: entry.id } })).toBe(3);

    // The console's list folds first: it shows all three, and the edit time did not move.
    expect(await shownHits(entry.id)).toBe(3);
    const after = await db.faqEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(after.hits).toBe(3);
    expect(after.updatedAt).toEqual(entry.updatedAt);
    expect(await db.faqEntryHit.count()).toBe(0);
    // Reading again (nothing pending) shows the same number: nothing is added twice.
    expect(await shownHits(entry.id)).toBe(3);
  });

  it("folds every hit exactly once when two folders run at the same time", async () => {
    const entries = await db.faqEntry.findMany({ orderBy: { id: "asc" }, take: 5 });
    const before = new Map(entries.map((e) => [e.id, e.hits]));
    // More than one fold batch (10,000), spread over five entries.
    const ids = entries.map((e) => e.id);
    await db.$executeRaw`INSERT INTO "FaqEntryHit" ("entryId")
      SELECT (${ids}::int[])[1 + (g % 5)] FROM generate_series(0, 24999) AS g`;
    const answersMeanwhile = t.core.receiveMessage(parentText("8004", question));

    const [a, b] = await Promise.all([foldFaqHits(db), foldFaqHits(other)]);
    // The answer may commit after both folds: the periodic task picks it up.
    await answersMeanwhile;
    await faqHitsFoldTask(db).run();
    expect(await db.faqEntryHit.count()).toBe(0);

    const answered = await answeredEntry();
    const after = await db.faqEntry.findMany({ where: { id: { in: ids } } });
    const gained = after.reduce((sum, e) => sum + e.hits - (before.get(e.id) ?? 0), 0);
    const answeredGain = ids.includes(answered.id) ? 1 : 0;
    expect(gained).toBe(25_000 + answeredGain);
    for (const e of after) {
      const extra = e.id === answered.id ? 1 : 0;
      expect(e.hits - (before.get(e.id) ?? 0)).toBe(5_000 + extra);
    }
    expect(a + b).toBeGreaterThanOrEqual(25_000);
  });

  it("is one maintenance task, every 30 s", () => {
    const task = faqHitsFoldTask(db);
    expect({ name: task.name, everyMs: task.everyMs }).toEqual({
      name: "faq-hits-fold",
      everyMs: 30_000,
    });
  });
});
