import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { poolOf } from "../../core/db/index.js";
import { readParent } from "../../core/intake/hot-path/read-parent.js";
import { inboundMessageSchema } from "../../core/tickets/inbound-message.js";
import { createTestDb, type TestDb } from "../support/test-db.js";
import { parentText } from "./parent-text.js";

/**
 * The hot path's read of the parent: the contact is created or refreshed in the same
 * statement, but a known contact whose profile did not change is only read, so nearly
 * every message leaves the Contact row (its version, `xmin`) untouched.
 */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

const pool = () => {
  const p = poolOf(db.db);
  if (!p) throw new Error("createDb registers its pool");
  return p;
};

async function read(userId: string, profile: { displayName: string; username?: string }) {
  const message = inboundMessageSchema.parse({ ...parentText(userId, "Здравствуйте"), profile });
  return readParent(pool(), message, new Date(), 72);
}

async function version(id: number) {
  const { rows } = await pool().query<{ xmin: string; updatedAt: Date }>(
    `SELECT xmin::text AS xmin, "updatedAt" FROM "Contact" WHERE "id" = $1`,
    [id],
  );
  return rows[0];
}

describe("readParent's contact upsert", () => {
  test("creates the contact, then only reads it while its profile stays the same", async () => {
    const first = await read("9101", { displayName: "Мария", username: "maria" });
    const created = await version(first.contact.id);
    const again = await read("9101", { displayName: "Мария", username: "maria" });
    expect(again.contact).toEqual(first.contact);
    expect(await version(first.contact.id)).toEqual(created);
  });

  test("writes a changed name or username, and clears a block", async () => {
    const first = await read("9102", { displayName: "Мария" });
    const renamed = await read("9102", { displayName: "Мария И." });
    expect(renamed.contact.id).toBe(first.contact.id);
    const named = await db.db.contact.findUniqueOrThrow({ where: { id: first.contact.id } });
    expect(named.displayName).toBe("Мария И.");
    await read("9102", { displayName: "Мария И.", username: "mi" });
    expect(
      (await db.db.contact.findUniqueOrThrow({ where: { id: first.contact.id } })).username,
    ).toBe("mi");
    await db.db.contact.update({
      where: { id: first.contact.id },
      data: { blockedAt: new Date(), blockedReason: "bot blocked" },
    });
    const before = await version(first.contact.id);
    await read("9102", { displayName: "Мария И.", username: "mi" });
    const unblocked = await db.db.contact.findUniqueOrThrow({ where: { id: first.contact.id } });
    expect([unblocked.blockedAt, unblocked.blockedReason]).toEqual([null, null]);
    expect(await version(first.contact.id)).not.toEqual(before);
  });

  test("two first messages of a new parent at once: one contact, both get it", async () => {
    const [a, b] = await Promise.all([
      read("9103", { displayName: "Мария" }),
      read("9103", { displayName: "Мария" }),
    ]);
    expect(a.contact.id).toBe(b.contact.id);
    expect(await db.db.contact.count({ where: { externalId: "9103" } })).toBe(1);
  });
});
