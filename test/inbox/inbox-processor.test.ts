import { Writable } from "node:stream";
import type pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { poolOf } from "../../core/db/index.js";
import {
  claimRows,
  createInboxProcessor,
  type InboxProcessor,
  pruneDoneRows,
  storeUpdates,
} from "../../core/inbox/index.js";
import { silentLogger } from "../../core/observability/index.js";
import { inboxPruneTask } from "../../core/runtime/inbox-prune.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

/**
 * The inbox's processing on real PostgreSQL, with several processors on one database as
 * several processes would run them. Leases are shortened (hundreds of milliseconds instead
 * of INBOX_LEASE_SECONDS) so a crashed owner's rows are taken over within the test.
 */
let t: TestDb;
let pool: pg.Pool;
const processors: InboxProcessor[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const found = poolOf(t.db);
  if (!found) throw new Error("createDb registers its pool");
  pool = found;
});
afterAll(async () => {
  for (const p of processors) await p.stop();
  await t.drop();
});

function processor(leaseMs = 400, maxInFlight = 16): InboxProcessor {
  const p = createInboxProcessor(pool, silentLogger(), {
    leaseMs,
    maxInFlight,
    sweepMs: 100,
    retryForMs: 60_000,
  });
  processors.push(p);
  return p;
}

/** Records every handling: per chat in order, never two of one chat at once, each once. */
function recorder() {
  const handled: { chat: string; seq: number; by: string }[] = [];
  const busy = new Set<string>();
  let overlaps = 0;
  const handler = (by: string, before?: () => Promise<void>) => ({
    async run(payload: unknown) {
      const { chat, seq } = payload as { chat: string; seq: number };
      if (busy.has(chat)) overlaps++;
      busy.add(chat);
      await before?.();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      busy.delete(chat);
      handled.push({ chat, seq, by });
    },
  });
  const perChat = () => {
    const chats = new Map<string, number[]>();
    for (const h of handled) chats.set(h.chat, [...(chats.get(h.chat) ?? []), h.seq]);
    return Object.fromEntries([...chats].sort());
  };
  return { handled, handler, perChat, overlaps: () => overlaps };
}

function updates(source: string, chats: number, perChat: number) {
  const list = [];
  for (let seq = 1; seq <= perChat; seq++)
    for (let c = 1; c <= chats; c++)
      list.push({
        dedupeKey: `${source}:${c}:${seq}`,
        chatKey: `${source}:${c}`,
        payload: { chat: `c${c}`, seq },
      });
  return list;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const openRows = (source: string) => t.db.inbox.count({ where: { source, doneAt: null } });

describe("the inbox", () => {
  test("rows a dead process held are finished by another after the lease, each once, each chat in order", async () => {
    // The "dead" process stored the batch and took the chats' heads, then died.
    const stored = await storeUpdates(pool, {
      source: "crash",
      updates: updates("crash", 3, 4),
      owner: "dead-process",
      takeMax: 100,
      leaseMs: 600,
    });
    expect(stored).toMatchObject({ allowed: true, inserted: 12 });
    expect(stored.taken.map((r) => (r.payload as { seq: number }).seq)).toEqual([1, 1, 1]);
    const leasedAt = Date.now();
    const r = recorder();
    const survivor = processor();
    survivor.handle("crash", r.handler("survivor"));
    await survivor.start();
    await until(() => r.handled.length === 12);
    // Nothing before the dead process's lease ran out: its rows were not stolen early.
    expect(Date.now() - leasedAt).toBeGreaterThanOrEqual(550);
    expect(r.perChat()).toEqual({ c1: [1, 2, 3, 4], c2: [1, 2, 3, 4], c3: [1, 2, 3, 4] });
    expect(r.overlaps()).toBe(0);
    await survivor.settled();
    expect(await openRows("crash")).toBe(0);
  });

  test("two processes share the rows: nothing handled twice, one chat never twice at once, order kept", async () => {
    const r = recorder();
    // Each may hold 3 of the 6 chats at once, and each one's first handling waits until the
    // other has started one too: on a loaded machine one fast process could otherwise take
    // every row before the other wakes, and "both took part" would depend on timing.
    const [a, b] = [processor(400, 3), processor(400, 3)];
    const signal = () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve: () => resolve() };
    };
    const started = { a: signal(), b: signal() };
    const meet = (me: "a" | "b", other: "a" | "b") => async () => {
      started[me].resolve();
      await started[other].promise;
    };
    a.handle("shared", r.handler("a", meet("a", "b")));
    b.handle("shared", r.handler("b", meet("b", "a")));
    await Promise.all([a.start(), b.start()]);
    // A receiver without a handler for the source stores and leaves every row to the others.
    const stored = await storeUpdates(pool, {
      source: "shared",
      updates: updates("shared", 6, 5),
      owner: "receiver",
      takeMax: 0,
      leaseMs: 400,
    });
    expect(stored.inserted).toBe(30);
    await until(() => r.handled.length >= 30);
    await Promise.all([a.settled(), b.settled()]);
    expect(r.handled).toHaveLength(30);
    const order = [1, 2, 3, 4, 5];
    expect(r.perChat()).toEqual(
      Object.fromEntries(["c1", "c2", "c3", "c4", "c5", "c6"].map((c) => [c, order])),
    );
    expect(r.overlaps()).toBe(0);
    // Both took part (NOTIFY or the sweep woke both).
    expect(new Set(r.handled.map((h) => h.by)).size).toBe(2);
    expect(await openRows("shared")).toBe(0);
  });

  test("the same update stored twice is one row; a stale poller's fence stores nothing", async () => {
    const batch = updates("fence", 1, 2);
    const first = await storeUpdates(pool, {
      source: "fence",
      updates: batch,
      fence: { key: "fence:bot", token: 2 },
      owner: "p2",
      takeMax: 0,
      leaseMs: 400,
    });
    const again = await storeUpdates(pool, {
      source: "fence",
      updates: batch,
      fence: { key: "fence:bot", token: 2 },
      owner: "p2",
      takeMax: 0,
      leaseMs: 400,
    });
    const stale = await storeUpdates(pool, {
      source: "fence",
      updates: updates("fence", 1, 3),
      fence: { key: "fence:bot", token: 1 },
      owner: "p1",
      takeMax: 0,
      leaseMs: 400,
    });
    expect([first, again, stale].map((s) => [s.allowed, s.inserted])).toEqual([
      [true, 2],
      [true, 0],
      [false, 0],
    ]);
    expect(await t.db.inbox.count({ where: { source: "fence" } })).toBe(2);
  });

  test("a passing failure is tried again with the chat waiting behind it; a bug is given up with its reason", async () => {
    const seen: string[] = [];
    let resets = 0;
    const p = processor();
    p.handle("fail", {
      async run(payload) {
        const { chat, seq } = payload as { chat: string; seq: number };
        if (chat === "c1" && seq === 1 && resets++ === 0)
          throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
        if (chat === "c2" && seq === 1) throw new Error("a bug");
        seen.push(`${chat}/${seq}`);
      },
    });
    await p.start();
    await storeUpdates(pool, {
      source: "fail",
      updates: updates("fail", 2, 2),
      owner: "receiver",
      takeMax: 0,
      leaseMs: 400,
    });
    await until(() => seen.length === 3);
    await p.settled();
    expect(seen.filter((s) => s.startsWith("c1"))).toEqual(["c1/1", "c1/2"]);
    expect(seen).toContain("c2/2");
    const bug = await t.db.inbox.findFirstOrThrow({ where: { dedupeKey: "fail:2:1" } });
    expect(bug).toMatchObject({ error: "a bug", attempts: 1 });
    expect(bug.doneAt).not.toBeNull();
    const retried = await t.db.inbox.findFirstOrThrow({ where: { dedupeKey: "fail:1:1" } });
    expect(retried.attempts).toBe(2);
    // A handled row keeps its key only; the given-up one keeps its update for whoever looks.
    expect(retried.payload).toBeNull();
    expect(bug.payload).toEqual({ chat: "c2", seq: 1 });
  });

  test("a claim starts at the lowest id that may wait; one from 0 takes over a crashed process's leases", async () => {
    // A crashed process took three chats' rows; its lease runs out at once.
    const dead = await storeUpdates(pool, {
      source: "floor",
      updates: updates("floor", 3, 1),
      owner: "dead-process",
      takeMax: 3,
      leaseMs: 1,
    });
    expect(dead.taken).toHaveLength(3);
    expect(dead.lowestLeft).toBeUndefined();
    // Two more chats' rows, left for any process, and one behind the first of them.
    const later = await storeUpdates(pool, {
      source: "floor",
      updates: [
        { dedupeKey: "floor:x:1", chatKey: "floor:x", payload: { chat: "x", seq: 1 } },
        { dedupeKey: "floor:y:1", chatKey: "floor:y", payload: { chat: "y", seq: 1 } },
        { dedupeKey: "floor:x:2", chatKey: "floor:x", payload: { chat: "x", seq: 2 } },
      ],
      owner: "receiver",
      takeMax: 0,
      leaseMs: 400,
    });
    const from = later.lowestLeft ?? 0;
    expect(from).toBeGreaterThan(Math.max(...dead.taken.map((r) => r.id)));
    const fromFloor = await claimRows(pool, ["floor"], "p", 10, 30_000, from);
    expect(fromFloor.rows.map((r) => r.dedupeKey)).toEqual(["floor:x:1", "floor:y:1"]);
    // x's second row waits behind the one just claimed: the next claim starts there.
    expect(fromFloor.chatsWaiting).toBe(true);
    const waiting = await t.db.inbox.findFirstOrThrow({ where: { dedupeKey: "floor:x:2" } });
    expect(fromFloor.next).toBe(Number(waiting.id));
    const fromZero = await claimRows(pool, ["floor"], "p", 10, 30_000, 0);
    expect(fromZero.rows.map((r) => [r.dedupeKey, r.attempts])).toEqual([
      ["floor:1:1", 2],
      ["floor:2:1", 2],
      ["floor:3:1", 2],
    ]);
    // Only rows this process holds are in flight; nothing is left for another claim.
    const held = [...fromFloor.rows, ...fromZero.rows].map((r) => r.chatKey);
    const none = await claimRows(pool, ["floor"], "q", 10, 30_000, 0, held);
    expect(none.rows).toEqual([]);
    expect(none.chatsWaiting).toBe(true);
    // Without x among them, no held chat has a row behind it.
    const others = await claimRows(
      pool,
      ["floor"],
      "q",
      10,
      30_000,
      0,
      held.filter((c) => c !== "floor:x"),
    );
    expect(others.chatsWaiting).toBe(false);
  });

  test("NOTIFY brings rows committed after a claim moved past their ids, each chat in order", async () => {
    const r = recorder();
    // No sweep and no claim from 0 within the test: only the wake-up can find the rows.
    const p = createInboxProcessor(pool, silentLogger(), {
      leaseMs: 60_000,
      maxInFlight: 4,
      sweepMs: 60_000,
      retryForMs: 60_000,
    });
    processors.push(p);
    p.handle("notify", r.handler("p"));
    await p.start();
    // A store that takes its ids first and commits last (as two receivers' stores may).
    const slow = await pool.connect();
    try {
      await slow.query("BEGIN");
      await storeUpdates(slow, {
        source: "notify",
        updates: updates("notify", 2, 2),
        owner: "receiver",
        takeMax: 0,
        leaseMs: 400,
      });
      await storeUpdates(pool, {
        source: "notify",
        updates: [{ dedupeKey: "late", chatKey: "notify:late", payload: { chat: "late", seq: 1 } }],
        owner: "receiver",
        takeMax: 0,
        leaseMs: 400,
      });
      // Handled and claimed past: the process's claims now start above the slow rows' ids.
      await until(() => r.handled.length === 1);
      await p.settled();
      await slow.query("COMMIT");
    } finally {
      slow.release();
    }
    await until(() => r.handled.length === 5);
    expect(r.perChat()).toEqual({ c1: [1, 2], c2: [1, 2], late: [1] });
    expect(r.overlaps()).toBe(0);
    await p.settled();
    expect(await openRows("notify")).toBe(0);
  });

  test("pruning walks ids from the oldest: old done rows go, unfinished and recent ones stay", async () => {
    const own = await createTestDb();
    try {
      const ownPool = poolOf(own.db);
      if (!ownPool) throw new Error("createDb registers its pool");
      await ownPool.query(
        `INSERT INTO "Inbox" ("source", "dedupeKey", "createdAt", "doneAt")
         SELECT 'prune', 'old:' || g, now() - interval '9 days', now() - interval '8 days'
           FROM generate_series(1, 7) AS g`,
      );
      await ownPool.query(
        `INSERT INTO "Inbox" ("source", "dedupeKey", "createdAt", "doneAt") VALUES
           ('prune', 'stuck', now() - interval '9 days', NULL),
           ('prune', 'recent', now() - interval '1 day', now() - interval '1 day')`,
      );
      // Three at a time: the walk goes on past a batch with nothing recent in it.
      const first = await pruneDoneRows(ownPool, 7 * 86_400_000, 3);
      expect([first.deleted, first.reachedRecent]).toEqual([3, false]);
      await inboxPruneTask(own.db, 7 * 86_400_000).run();
      const left = await own.db.inbox.findMany({
        where: { source: "prune" },
        orderBy: { id: "asc" },
      });
      expect(left.map((row) => row.dedupeKey)).toEqual(["stuck", "recent"]);
    } finally {
      await own.drop();
    }
  });

  test("storing does not wait for the main pool: a receiver stores while processing holds every connection", async () => {
    const p = processor();
    // Processing saturated: every connection of the shared pool is checked out and busy.
    const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    try {
      const fence = await p.currentFence("held:bot");
      const stored = await p.store("held", updates("held", 3, 1), {
        key: "held:bot",
        token: fence.fence + 1,
      });
      expect([stored.allowed, stored.inserted]).toEqual([true, 3]);
    } finally {
      for (const client of held) client.release();
    }
    expect(await openRows("held")).toBe(3);
  });

  test("a PostgreSQL restart that cuts the store pool's idle connections is logged, not fatal, and storing goes on", async () => {
    const lines: { msg?: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { msg?: string });
        done();
      },
    });
    const p = createInboxProcessor(pool, pino(sink), {
      leaseMs: 400,
      maxInFlight: 16,
      sweepMs: 100,
      retryForMs: 60_000,
    });
    processors.push(p);
    const first = await p.store("cut", updates("cut", 1, 1));
    expect(first.inserted).toBe(1);
    // Every other backend of this database goes, as in a fast shutdown: the store pool's
    // connection is idle now, so only its 'error' event tells; unheard, it ends the process.
    await pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    await until(() => lines.some((line) => line.msg?.startsWith("inbox store connection lost")));
    const second = await p.store("cut", updates("cut", 2, 1));
    expect(second.inserted).toBe(1);
  });

  test("work the process shares its capacity with (replies being sent) holds rows back until it shrinks", async () => {
    const r = recorder();
    const p = processor(400, 2);
    let sending = 2;
    const shared = p.shareCapacity(() => sending);
    p.handle("busy", r.handler("p"));
    await p.start();
    const stored = await p.store("busy", updates("busy", 2, 1));
    // Both slots are taken by replies in flight: nothing is taken now, not even at a sweep.
    expect(stored.taken).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.handled).toEqual([]);
    sending = 0;
    shared.wake();
    await until(() => r.handled.length === 2);
    await p.settled();
    expect(await openRows("busy")).toBe(0);
  });
});
