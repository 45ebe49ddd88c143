import pg from "pg";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { parseSearchQuery, searchTickets } from "../../core/console/search-tickets.js";
import { createMetrics, silentLogger } from "../../core/observability/index.js";
import { indexSearchBatch, searchIndexLag, startSearchIndexer } from "../../core/search/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

let t: TestDb;
let ticketId: number;
let ticketNumber: number;

beforeAll(async () => {
  t = await createTestDb();
  const contact = await t.db.contact.create({
    data: { channel: "telegram", externalId: "search-indexer", displayName: "Индексатор Тест" },
  });
  const ticket = await t.db.ticket.create({
    data: { contactId: contact.id, category: "other", firstResponseDueAt: new Date() },
  });
  ticketId = ticket.id;
  ticketNumber = ticket.number;
});

afterAll(async () => {
  await t.drop();
});

/** Inserts as the hot path does: raw SQL naming only the message's own columns. */
async function insertMessage(text: string): Promise<number> {
  const [row] = await t.db.$queryRaw<{ id: number }[]>`
    INSERT INTO "Message" ("ticketId", direction, text) VALUES (${ticketId}, 'in', ${text})
    RETURNING id`;
  return row!.id;
}

async function indexAll(): Promise<void> {
  while ((await indexSearchBatch(t.db, 100)) > 0);
}

async function queued(): Promise<number[]> {
  const rows = await t.db.messageSearchQueue.findMany({ orderBy: { messageId: "asc" } });
  return rows.map((r) => r.messageId);
}

async function searchRow(messageId: number) {
  const [row] = await t.db.$queryRaw<{ words: string; digits: string | null }[]>`
    SELECT words::text AS words, digits FROM "MessageSearch" WHERE "messageId" = ${messageId}`;
  return row;
}

async function finds(query: string): Promise<boolean> {
  const rows = await searchTickets(t.db, parseSearchQuery(query));
  return rows.some((r) => r.number === ticketNumber);
}

describe("search indexer", () => {
  test("an inserted message is queued, not indexed; it is found before and after indexing", async () => {
    await indexAll();
    const id = await insertMessage(
      "Не пришло письмо про кружок керамики, телефон 8 (912) 345-67-89",
    );
    expect(await queued()).toEqual([id]);
    expect(await searchRow(id)).toBeUndefined();
    // Found at once: the console searches the queued tail by its text.
    expect(await finds("керамика")).toBe(true);
    expect(await finds("+7 912 345 67 89")).toBe(true);

    expect(await indexSearchBatch(t.db, 100)).toBe(1);
    expect(await queued()).toEqual([]);
    const row = await searchRow(id);
    expect(row?.words).toContain("'керамик'");
    expect(row?.digits).toBe("89123456789");
    expect(await finds("керамика")).toBe(true);
    expect(await finds("+7 912 345 67 89")).toBe(true);
    expect(await finds("каллиграфия")).toBe(false);
  });

  test("batches take the oldest ids first, at most the limit each", async () => {
    await indexAll();
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push(await insertMessage(`сообщение номер ${i} про секцию`));
    expect(await indexSearchBatch(t.db, 10)).toBe(10);
    expect(await queued()).toEqual(ids.slice(10));
    expect(await indexSearchBatch(t.db, 10)).toBe(10);
    expect(await indexSearchBatch(t.db, 10)).toBe(5);
    expect(await indexSearchBatch(t.db, 10)).toBe(0);
    const indexed = await t.db.messageSearch.count({ where: { messageId: { in: ids } } });
    expect(indexed).toBe(25);
  });

  test("a batch cut off by a crash stays queued and the next run indexes it; redoing one changes nothing", async () => {
    await indexAll();
    const id = await insertMessage("вопрос про оригами");
    // A process claims the batch (the indexer's first step) and dies before committing.
    const crashed = new pg.Client({ connectionString: t.url });
    await crashed.connect();
    await crashed.query("BEGIN");
    const claimed = await crashed.query(
      `DELETE FROM "MessageSearchQueue" WHERE "messageId" IN (SELECT "messageId" FROM "MessageSearchQueue" FOR UPDATE SKIP LOCKED) RETURNING "messageId"`,
    );
    expect(claimed.rows).toEqual([{ messageId: id }]);
    // While it holds the batch another indexer skips it rather than waiting or duplicating it.
    expect(await indexSearchBatch(t.db, 100)).toBe(0);
    await crashed.end();
    expect(await queued()).toEqual([id]);
    expect(await indexSearchBatch(t.db, 100)).toBe(1);
    const first = await searchRow(id);
    // Queued again (as an edit would): the row is overwritten, not duplicated.
    await t.db.messageSearchQueue.create({
      data: { messageId: id, ticketId, text: "вопрос про оригами" },
    });
    expect(await indexSearchBatch(t.db, 100)).toBe(1);
    expect(await searchRow(id)).toEqual(first);
    expect(await t.db.messageSearch.count({ where: { messageId: id } })).toBe(1);
  });

  test("an edited message is queued again and found by its new words; an unchanged text is not queued", async () => {
    await indexAll();
    const id = await insertMessage("хочу записаться на квиллинг");
    await indexAll();
    await t.db.message.update({ where: { id }, data: { text: "хочу записаться на батик" } });
    expect(await queued()).toEqual([id]);
    expect(await finds("батик")).toBe(true);
    await indexAll();
    expect(await finds("батик")).toBe(true);
    expect(await finds("квиллинг")).toBe(false);
    await t.db.message.update({ where: { id }, data: { editedAt: new Date() } });
    await t.db.message.update({ where: { id }, data: { text: "хочу записаться на батик" } });
    expect(await queued()).toEqual([]);
    // Edited while still queued: the queued text follows the edit.
    const fresh = await insertMessage("вопрос про витраж");
    await t.db.message.update({ where: { id: fresh }, data: { text: "вопрос про мозаику" } });
    expect(await queued()).toEqual([fresh]);
    expect(await finds("витраж")).toBe(false);
    expect(await finds("мозаика")).toBe(true);
    await indexAll();
    expect(await finds("витраж")).toBe(false);
    expect(await finds("мозаика")).toBe(true);
    // Edited down to nothing searchable: the message's row goes.
    await t.db.message.update({ where: { id }, data: { text: "" } });
    await indexAll();
    expect(await searchRow(id)).toBeUndefined();
  });

  test("a deleted message leaves the index and the queue; a text without words or 7 digits gets no row", async () => {
    await indexAll();
    const kept = await insertMessage("гончарный круг");
    const dropped = await insertMessage("вышивка крестиком");
    await indexAll();
    const queuedOnly = await insertMessage("макраме");
    await t.db.message.deleteMany({ where: { id: { in: [dropped, queuedOnly] } } });
    expect(await searchRow(dropped)).toBeUndefined();
    expect(await queued()).toEqual([]);
    expect(await searchRow(kept)).toBeDefined();
    expect(await finds("вышивка")).toBe(false);

    const photo = await insertMessage("");
    const short = await insertMessage("№ 12345, и");
    await indexAll();
    expect(await searchRow(photo)).toBeUndefined();
    expect((await searchRow(short))?.digits).toBeNull();
  });

  test("the running indexer drains the queue when woken, and /metrics shows the lag", async () => {
    await indexAll();
    const metrics = createMetrics({ countSearchIndexLag: () => searchIndexLag(t.db) });
    for (let i = 0; i < 7; i++) await insertMessage(`лепка из глины ${i}`);
    expect(await metrics.registry.getSingleMetricAsString("navsup_search_index_lag")).toMatch(
      /navsup_search_index_lag 7$/m,
    );
    const indexer = startSearchIndexer(t.db, {
      everyMs: 3_600_000,
      batchSize: 3,
      logger: silentLogger(),
    });
    try {
      indexer.wake();
      await vi.waitFor(async () => expect(await searchIndexLag(t.db)).toBe(0), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      await indexer.close();
    }
    expect(await metrics.registry.getSingleMetricAsString("navsup_search_index_lag")).toMatch(
      /navsup_search_index_lag 0$/m,
    );
  });
});
