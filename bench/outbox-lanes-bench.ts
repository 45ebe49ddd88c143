/**
 * `npm run -s bench:outbox-lanes`: what the staff group's delivery claim ("outbox-claim-lanes")
 * costs PostgreSQL as a backlog waits in the chat, printed as one JSON object.
 *
 *  - claim: the chat holds N unsent relay rows across M lanes (tickets, one incident, the
 *    general lane) and 3 sent rows of history per ticket. The claim as it was (every unsent
 *    row of the chat, DISTINCT ON lane; its text is kept below) and the claim of this
 *    checkout (core/outbound/outbox-sql.ts) run against the same data on one connection,
 *    prepared (named) as the deliverer runs them and unmarked (the staff group's claim
 *    only reads: a shut gate's claim is never marked), alternating, BENCH_CALLS each per
 *    repeat: mean and p95 round trip per repeat, shared buffers (hit + read) from
 *    EXPLAIN (ANALYZE, BUFFERS) of the generic plan, and whether both picked the same row.
 *  - drain: claims per post of one deliverer (the real deliverChat, rate gate and chat lock
 *    on Redis) while rows arrive faster than the gate lets posts out: BENCH_BACKLOG rows wait
 *    at the start, BENCH_ARRIVALS more arrive BENCH_ARRIVAL_MS apart, each starting a run
 *    as the dispatcher does, wakes run when they are due. Counted at the pg driver. Run it
 *    from an older checkout (copy this file there) for the figure before.
 *
 * Settings: BENCH_ROWS ("100,1000,10000,50000"), BENCH_LANES ("50,500"), BENCH_CALLS (60),
 * BENCH_REPEATS (3), BENCH_PARTS ("claim,drain"), BENCH_GATE ("4/1000": posts per window
 * ms), BENCH_BACKLOG (300), BENCH_ARRIVALS (200), BENCH_ARRIVAL_MS (25), BENCH_SETTLE_MS
 * (2,000: how long the run goes on after the last arrival). Needs PostgreSQL (BENCH_ADMIN_DATABASE_URL) and Redis (127.0.0.1:6379, keys under
 * a prefix of the run's own, deleted at the end); the scratch database is dropped at the end.
 */
import { Redis } from "ioredis";
import pg from "pg";
import { createDb, migrationsDir, poolOf, runMigrations } from "../core/db/index.js";
import { type ChannelSender, deliverChat, type OutboxItem } from "../core/outbound/index.js";
import { createChatLock, createRateGate } from "../core/queue/index.js";
import { systemClock } from "../core/shared/index.js";
import { createBenchDatabase, dropBenchDatabase } from "./load/bench-db.js";

const list = (value: string | undefined, fallback: string) =>
  (value ?? fallback).split(",").map((v) => v.trim());
const ROWS = list(process.env.BENCH_ROWS, "100,1000,10000,50000").map(Number);
const LANES = list(process.env.BENCH_LANES, "50,500").map(Number);
const CALLS = Number(process.env.BENCH_CALLS ?? 60);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PARTS = list(process.env.BENCH_PARTS, "claim,drain");
const [GATE_MAX, GATE_WINDOW] = (process.env.BENCH_GATE ?? "4/1000").split("/").map(Number) as [
  number,
  number,
];
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 300);
const ARRIVALS = Number(process.env.BENCH_ARRIVALS ?? 200);
const ARRIVAL_MS = Number(process.env.BENCH_ARRIVAL_MS ?? 25);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 2_000);
const CHAT = "relay:group";

// The claim before commit "outbox: the staff group's lanes claim reads one row per lane",
// verbatim but for its shared pieces inlined: every unsent row of the chat is read and
// sorted for DISTINCT ON, and each head's ticket probe walks the ticket's unsent rows.
const nowTz = `($2::timestamp(3) AT TIME ZONE 'UTC')`;
const leasedBy = (r: string) =>
  `(${r}."status" = 'sending' AND ${r}."leaseUntil" IS NOT NULL AND ${r}."leaseUntil" >= ${nowTz})`;
const oldClaimText = `WITH heads AS (
      SELECT DISTINCT ON (lane) "id", "ticketId", "notBefore", "status", "leaseUntil", lane FROM (
        SELECT "id", "ticketId", "notBefore", "status", "leaseUntil",
               COALESCE('t' || "ticketId", 'i' || ("payload"->>'incidentId'), 'g') AS lane
        FROM "Outbox"
        WHERE "chatKey" = $1 AND "status" IN ('pending', 'sending')
      ) p
      ORDER BY lane, "id"
    ), pick AS (
      SELECT h."id", (h."notBefore" IS NOT NULL AND h."notBefore" > $2::timestamp(3)) AS later
      FROM heads h
      ORDER BY ${leasedBy("h")} DESC, later,
               CASE WHEN h."notBefore" > $2::timestamp(3) THEN h."notBefore" END,
               (SELECT max(s."sentAt") FROM "Outbox" s
                 WHERE s."ticketId" = h."ticketId" AND s."chatKey" = $1 AND s."status" = 'sent')
                 ASC NULLS FIRST,
               h."id"
      LIMIT 1
    ), n AS (
      SELECT o.* FROM "Outbox" o JOIN pick ON o."id" = pick."id" FOR UPDATE OF o
    ), u AS (
      UPDATE "Outbox" o
      SET "status" = 'sending', "leaseUntil" = ${nowTz} + $4::integer * interval '1 millisecond',
          "recheck" = false,
          "attempts" = o."attempts" + CASE WHEN n."status" = 'sending' THEN 1 ELSE 0 END
      FROM n
      WHERE o."id" = n."id" AND $3::boolean AND NOT ${leasedBy("n")}
        AND (n."notBefore" IS NULL OR n."notBefore" <= $2::timestamp(3))
      RETURNING o."id"
    ), nudged AS (
      UPDATE "Outbox" o SET "recheck" = true
      FROM n
      WHERE o."id" = n."id" AND ${leasedBy("n")} AND NOT n."recheck"
    )
    SELECT n.*, EXISTS (SELECT 1 FROM u) AS "claimed", true AS "more" FROM n`;

/** The claim text this checkout's claimRow sends, caught at the driver. */
async function currentClaimText(url: string): Promise<string> {
  const { claimRow } = await import("../core/outbound/outbox-sql.js");
  const db = createDb(url, { poolSize: 1 });
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let text = "";
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as { name?: string; text?: string } | string;
    if (typeof first === "object" && first?.name?.startsWith("outbox-claim-lanes"))
      text = first.text ?? "";
    return original.apply(this, args);
  };
  try {
    await claimRow(db, CHAT, new Date(), false, true);
  } finally {
    proto.query = original;
    await db.$disconnect();
    await poolOf(db)?.end();
  }
  if (!text) throw new Error("BENCH_NO_CLAIM_TEXT: claimRow sent no lanes claim");
  return text;
}

/** N unsent relay rows over `lanes` lanes (2 without a ticket), 3 sent rows per ticket. */
async function fill(c: pg.Client, rows: number, lanes: number): Promise<void> {
  await c.query(`TRUNCATE "Outbox", "Ticket", "Contact" RESTART IDENTITY CASCADE`);
  const tickets = Math.max(1, lanes - 2);
  await c.query(
    `INSERT INTO "Contact" ("channel", "externalId", "updatedAt")
     SELECT 'telegram', 'bench-' || g, now() FROM generate_series(1, $1::int) g`,
    [tickets],
  );
  await c.query(
    `INSERT INTO "Ticket" ("contactId", "category", "updatedAt", "firstResponseDueAt")
     SELECT g, 'other', now(), now() FROM generate_series(1, $1::int) g`,
    [tickets],
  );
  // History: each ticket was served 3 times, at different moments (the turn order).
  await c.query(
    `INSERT INTO "Outbox" ("channel", "chatKey", "payload", "status", "ticketId", "sentAt", "attempts")
     SELECT 'relay', $1, '{"op":"general_text","key":"old","args":{}}', 'sent', t,
            now() - (t * 7 + k) * interval '1 second', 1
     FROM generate_series(1, $2::int) t, generate_series(1, 3) k`,
    [CHAT, tickets],
  );
  // The backlog: row g belongs to ticket (g mod tickets)+1, but every 20th is the
  // incident's and every 20th + 1 the general lane's.
  await c.query(
    `INSERT INTO "Outbox" ("channel", "chatKey", "payload", "status", "ticketId")
     SELECT 'relay', $1,
            CASE WHEN g % 20 = 0 THEN '{"op":"general_text","key":"inc","args":{},"incidentId":7}'
                 ELSE '{"op":"general_text","key":"row","args":{}}' END::jsonb,
            'pending',
            CASE WHEN g % 20 IN (0, 1) THEN NULL ELSE (g % $3::int) + 1 END
     FROM generate_series(1, $2::int) g`,
    [CHAT, rows, tickets],
  );
  await c.query(`VACUUM ANALYZE "Outbox"`);
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return {
    meanMs: Number(mean.toFixed(3)),
    p95Ms: Number((sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(3)),
  };
};

async function buffersOf(c: pg.Client, text: string, params: unknown[]): Promise<number> {
  await c.query(`SET plan_cache_mode = force_generic_plan`);
  try {
    const { rows } = await c.query<{ "QUERY PLAN": [{ Plan: Record<string, number> }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`,
      params,
    );
    const plan = rows[0]!["QUERY PLAN"][0].Plan;
    return (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0);
  } finally {
    await c.query(`RESET plan_cache_mode`);
  }
}

async function claimPart(url: string) {
  const newText = await currentClaimText(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const results: unknown[] = [];
  try {
    for (const lanes of LANES)
      for (const rows of ROWS) {
        await fill(c, rows, lanes);
        const params = [CHAT, new Date().toISOString().replace("Z", ""), false, 20_000];
        const variants = { before: oldClaimText, after: newText };
        const picked: Record<string, number> = {};
        const buffers: Record<string, number> = {};
        const repeats: Record<string, { meanMs: number; p95Ms: number }[]> = {
          before: [],
          after: [],
        };
        for (const [name, text] of Object.entries(variants)) {
          buffers[name] = await buffersOf(c, text, params);
          const { rows: got } = await c.query<{ id: number }>({
            name: `bench-${name}-${lanes}-${rows}`,
            text,
            values: params,
          });
          picked[name] = got[0]?.id ?? -1;
        }
        for (let r = 0; r < REPEATS; r++) {
          const ms: Record<string, number[]> = { before: [], after: [] };
          for (let i = 0; i < CALLS; i++)
            for (const [name, text] of Object.entries(variants)) {
              const started = performance.now();
              await c.query({ name: `bench-${name}-${lanes}-${rows}`, text, values: params });
              ms[name]!.push(performance.now() - started);
            }
          for (const name of Object.keys(variants)) repeats[name]!.push(stats(ms[name]!));
        }
        const result = {
          rows,
          lanes,
          samePick: picked.before === picked.after,
          buffers,
          repeats,
        };
        process.stderr.write(`${JSON.stringify(result)}\n`);
        results.push(result);
      }
  } finally {
    await c.end();
  }
  return results;
}

/** One deliverer draining a backlog behind the gate while rows keep coming. */
async function drainPart(url: string) {
  const db = createDb(url, { poolSize: 4 });
  const redis = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true });
  await redis.connect();
  const prefix = `bench-lanes-${process.pid}-${Date.now()}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let claims = 0;
  let statements = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as { name?: string } | string;
    if (this !== c) statements++;
    if (typeof first === "object" && first?.name?.startsWith("outbox-claim-lanes")) claims++;
    return original.apply(this, args);
  };
  try {
    await fill(c, BACKLOG, 50);
    let posts = 0;
    let wakes = 0;
    const timers = new Set<NodeJS.Timeout>();
    let stopped = false;
    const running = new Set<Promise<void>>();
    const sender: ChannelSender = {
      idempotent: true,
      lanes: true,
      rateLimit: { key: `${prefix}-group`, max: GATE_MAX, windowMs: GATE_WINDOW, cost: () => 1 },
      async send(_item: OutboxItem) {
        posts++;
        return {};
      },
    };
    const deps = {
      db,
      clock: systemClock,
      senders: { relay: sender },
      lock: createChatLock(redis, prefix),
      gate: createRateGate(redis, prefix),
      scheduleWake: async (_channel: string, _chatKey: string, at: Date) => {
        if (stopped) return;
        wakes++;
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            run();
          },
          Math.max(0, at.getTime() - Date.now()),
        );
        timers.add(timer);
      },
      onPermanentFailure: async () => undefined,
    };
    const run = () => {
      const p = deliverChat(deps, "relay", CHAT).catch((error: unknown) => {
        process.stderr.write(`delivery failed: ${String(error)}\n`);
      });
      running.add(p);
      void p.finally(() => running.delete(p));
    };
    const started = Date.now();
    run();
    for (let i = 0; i < ARRIVALS; i++) {
      await new Promise((resolve) => setTimeout(resolve, ARRIVAL_MS));
      await c.query(
        `INSERT INTO "Outbox" ("channel", "chatKey", "payload", "status", "ticketId")
         VALUES ('relay', $1, '{"op":"general_text","key":"new","args":{}}', 'pending', $2)`,
        [CHAT, (i % 48) + 1],
      );
      run();
    }
    // The backlog outlasts the run: it ends at a fixed moment, queued wakes dropped.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    while (running.size > 0) await Promise.allSettled([...running]);
    const seconds = (Date.now() - started) / 1000;
    return {
      seconds: Number(seconds.toFixed(1)),
      gate: `${GATE_MAX} posts / ${GATE_WINDOW} ms`,
      backlog: BACKLOG,
      arrivals: ARRIVALS,
      runsStarted: ARRIVALS + 1 + wakes,
      posts,
      claims,
      claimsPerPost: Number((claims / Math.max(1, posts)).toFixed(2)),
      wakesPerPost: Number((wakes / Math.max(1, posts)).toFixed(2)),
      statementsPerPost: Number((statements / Math.max(1, posts)).toFixed(2)),
    };
  } finally {
    proto.query = original;
    await c.end();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db.$disconnect();
    await poolOf(db)?.end();
  }
}

async function main() {
  const { name, url } = await createBenchDatabase();
  try {
    await runMigrations(url, migrationsDir);
    const out: Record<string, unknown> = {};
    if (PARTS.includes("claim")) out.claim = await claimPart(url);
    if (PARTS.includes("drain")) out.drain = await drainPart(url);
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await dropBenchDatabase(name);
  }
}

await main();
