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
  test(`through ${name}: records that meet share one statement, each with its own outcome`, async () => {
    const db = client();
    const tag = `${name.length}${Date.now()}`;
    const contact = await t.db.contact.create({
      data: { channel: "telegram", externalId: `record-${tag}` },
    });
    const ticket = await t.db.ticket.create({
      data: {
        number: Number(tag.slice(-8)),
        contactId: contact.id,
        category: "other",
        firstResponseDueAt: now,
      },
    });
    const messages: { id: number }[] = [];
    for (let i = 0; i < 3; i++)
      messages.push(await t.db.message.create({ data: { ticketId: ticket.id, direction: "bot" } }));
    const ids = await t.db.$transaction(async (tx) => {
      const written: number[] = [];
      for (const [i, m] of messages.entries()) {
        const id = await recordOutbound(tx, {
          channel: "telegram",
          chatKey: `telegram:${tag}-${i}`,
          payload: { type: "text", text: `r${i}` },
          messageId: m.id,
        });
        written.push(id ?? 0);
      }
      return written;
    });
    // Another deliverer came for the second row's chat meanwhile.
    await t.db.outbox.update({ where: { id: ids[1] }, data: { recheck: true } });
    const times = ids.map((_, i) => new Date(now.getTime() + i));
    // Issued in one tick: the first goes alone, the other two wait for it and go together.
    const outcomes = await Promise.all(
      ids.map((id, i) => recordSentRow(db, id, i === 2 ? null : `ext-${i}`, times[i] ?? now)),
    );
    expect(outcomes).toEqual([{ recheck: false }, { recheck: true }, { recheck: false }]);
    const sent = await t.db.outbox.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    expect(
      sent.map((r) => [r.status, r.attempts, r.externalMessageId, r.sentAt?.getTime()]),
    ).toEqual(ids.map((_, i) => ["sent", 1, i === 2 ? null : `ext-${i}`, times[i]?.getTime()]));
    const stored = await t.db.message.findMany({
      where: { id: { in: messages.map((m) => m.id) } },
      orderBy: { id: "asc" },
    });
    expect(stored.map((m) => m.externalMessageId)).toEqual(["ext-0", "ext-1", null]);
  });
}
