import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDb, type TestDb } from "../support/test-db.js";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

test("cloned database has the migrated schema", async () => {
  const counter = await t.db.ticketCounter.findUnique({ where: { id: 1 } });
  expect(counter?.value).toBe(0);
});
