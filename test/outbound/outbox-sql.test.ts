import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Db, poolOf } from "../../core/db/index.js";
import { PrismaClient } from "../../core/db/generated/client.js";
import { recordOutbound } from "../../core/outbound/index.js";
import { claimRow, DELIVERY_LEASE_MS, recordSentRow } from "../../core/outbound/outbox-sql.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

/**
 * The deliverer's claim and record run on the pg pool when the client has one, and
 * through Prisma otherwise: both must read and write the same rows (types included:
 * timestamps in UTC, the payload as JSON, the status as text).
 */
let t: TestDb;
let prismaOnly: PrismaClient;
beforeAll(async () => {
  t = await createTestDb();
  const pool = poolOf(t.db);
  if (!pool) throw new Error("createDb registers its pool");
  // Same connections, but no pool registered for it: the statements go through Prisma.
  prismaOnly = new PrismaClient({ adapter: new PrismaPg(pool) });
});
afterAll(async () => {
  await prismaOnly.$disconnect();
  await t.drop();
});

const now = new Date("2026-12-02T10:00:00.123Z");

async function rows(chatKey: string, n: number): Promise<number[]> {
  return t.db.$transaction(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = await recordOutbound(tx, {
        channel: "telegram",
        chatKey,
        payload: { type: "text", text: `m${i}` },
        notBefore: i === 2 ? new Date(now.getTime() + 60_000) : undefined,
      });
      if (id !== null) ids.push(id);
    }
    return ids;
  });
}

for (const [name, client] of [
  ["the pg pool", () => t.db],
  ["Prisma", () => prismaOnly as unknown as Db],
] as const) {
  test(`through ${name}: claim oldest first, say whether more wait, record the send`, async () => {
    const db = client();
    const chatKey = `telegram:${name.length}${Date.now()}`;
    const [a, b, c] = await rows(chatKey, 3);
    const first = await claimRow(db, chatKey, now, true, false);
    expect(first).toMatchObject({ claimed: true, more: true, row: { id: a, status: "pending" } });
    expect(first?.row.payload).toEqual({ type: "text", text: "m0" });
    expect(first?.row.createdAt).toBeInstanceOf(Date);
    await recordSentRow(db, a ?? 0, "555", now);
    const sent = await t.db.outbox.findUniqueOrThrow({ where: { id: a } });
    expect(sent).toMatchObject({ status: "sent", attempts: 1, externalMessageId: "555" });
    expect(sent.sentAt?.toISOString()).toBe(now.toISOString());
    // Unmarked: read but left pending (a sender behind a rate gate claims it later).
    const second = await claimRow(db, chatKey, now, false, false);
    expect(second).toMatchObject({ claimed: false, more: true, row: { id: b, status: "pending" } });
    await recordSentRow(db, b ?? 0, null, now);
    // Not due yet: comes back unclaimed with its notBefore, the last one.
    const third = await claimRow(db, chatKey, now, true, false);
    expect(third).toMatchObject({ claimed: false, more: false, row: { id: c } });
    expect(third?.row.notBefore?.getTime()).toBe(now.getTime() + 60_000);
    // Lanes: the same row is the only head.
    const inTurn = await claimRow(db, chatKey, new Date(now.getTime() + 61_000), true, true);
    expect(inTurn).toMatchObject({ claimed: true, more: true, row: { id: c } });
    // Its claim holds it for the lease (the chat lock in Redis may be gone): left alone,
    // with the lease's end for the wake.
    const held = await claimRow(db, chatKey, new Date(now.getTime() + 62_000), true, false, 5_000);
    expect(held).toMatchObject({ claimed: false, row: { id: c, status: "sending" } });
    expect(held?.row.leaseUntil?.getTime()).toBe(now.getTime() + 61_000 + DELIVERY_LEASE_MS);
    // A row found "sending" after its lease began a send whose outcome is unknown (its
    // deliverer died): one more attempt counted, and a lease of its own.
    const later = new Date(now.getTime() + 121_001);
    const again = await claimRow(db, chatKey, later, true, false, 5_000);
    expect(again).toMatchObject({ claimed: true, row: { id: c, status: "sending" } });
    const retaken = await t.db.outbox.findUniqueOrThrow({ where: { id: c } });
    expect(retaken.attempts).toBe(1);
    expect(retaken.leaseUntil?.getTime()).toBe(later.getTime() + 5_000);
  });
}
