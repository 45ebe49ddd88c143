/**
 * `npm run -s bench:inbox`: what the durable inbox costs PostgreSQL, printed as one JSON
 * object. No bots: a receiver stores synthetic updates at a fixed rate through the real
 * store statement, and BENCH_PROCESSES processors (each with a pool of its own, as separate
 * processes have) claim, handle (a trivial handler) and finish them.
 *
 *  - pgCpuMsPerMessage: CPU time of the scratch database's backends (utime + stime from
 *    /proc/<pid>/stat of the pids pg_stat_activity lists, sampled every 250 ms so a backend
 *    that exits keeps its last reading) divided by the updates stored. pg_stat_statements
 *    is not needed.
 *  - statements: count, mean and p95 round trip of each inbox statement (timed on the
 *    checked-out connection, so waiting for the pool is not in it).
 *  - inboxBlocksPerMessage: shared buffers the Inbox table and its indexes touched
 *    (pg_statio_user_tables), a count the machine's noise does not move.
 *  - drainMs: from the last store until every row is done.
 *
 * Done rows are there before the run (BENCH_DONE_ROWS, default 50,000: a few hours of
 * history kept for the dedupe), since the claim's cost grows with them. Settings:
 * BENCH_MESSAGES (4,000), BENCH_RATE (200 a second), BENCH_CHATS (1,000), BENCH_WORK_MS
 * (150: how long the handler holds a row, as the hot path does under load) and
 * BENCH_MAX_IN_FLIGHT (16): two processes then handle about the rate, so the claims work
 * near saturation, where they cost the most. Needs PostgreSQL
 * (BENCH_ADMIN_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test); the
 * scratch database is dropped at the end.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { migrationsDir, runMigrations } from "../core/db/index.js";
import { createPool } from "../core/db/sql-pool.js";
import { createInboxProcessor, type InboxProcessor } from "../core/inbox/index.js";
import { silentLogger } from "../core/observability/index.js";
import { createBenchDatabase, dropBenchDatabase, withClient } from "./load/bench-db.js";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 4_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CHATS = Number(process.env.BENCH_CHATS ?? 1_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 2);
const WORK_MS = Number(process.env.BENCH_WORK_MS ?? 150);
const DONE_ROWS = Number(process.env.BENCH_DONE_ROWS ?? 50_000);
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 16);
const TICKS_PER_SECOND = 100;
const SOURCE = "telegram:bench";

/** Which inbox statement a text is, by its shape (undefined: not the inbox's). */
function kindOf(text: string): string | undefined {
  if (text.includes(`INSERT INTO "InboxFence"`)) return "store";
  if (text.includes("claimed AS (")) return "claim";
  if (text.includes(`"doneAt" = `) && text.includes("ANY($1::bigint[])")) return "finish";
  return undefined;
}

interface Timing {
  ms: number[];
}

/**
 * Times each inbox statement on every connection (the store's own pool and the claimers'
 * alike), from send to result: waiting for a pooled connection is not in it.
 */
function timeInboxStatements(timings: Map<string, Timing>): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === "string" ? first : (first as { text?: string })?.text;
    const kind = text ? kindOf(text) : undefined;
    if (!kind) return original.apply(this, args);
    const started = performance.now();
    const record = () => {
      const t = timings.get(kind) ?? { ms: [] };
      t.ms.push(performance.now() - started);
      timings.set(kind, t);
    };
    // pg's pool passes a callback; a checked-out client's caller awaits the promise.
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (...result: unknown[]) => {
        record();
        (last as (...r: unknown[]) => void)(...result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    return result instanceof Promise ? result.finally(record) : result;
  };
}

function ticksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** CPU ticks of the database's backends, each pid's latest reading kept after it exits. */
function backendCpu(url: string, database: string) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const client = new pg.Client({ connectionString: url });
  let timer: NodeJS.Timeout | undefined;
  let ownPid = 0;
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    for (const { pid } of rows) {
      const ticks = ticksOf(pid);
      if (ticks === undefined) continue;
      // A backend born during the run counts from zero; one there before, from now.
      if (!first.has(pid)) first.set(pid, started ? 0 : ticks);
      last.set(pid, ticks);
    }
  };
  let started = false;
  return {
    async start() {
      await client.connect();
      ownPid = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
      await sample();
      started = true;
      timer = setInterval(() => void sample().catch(() => undefined), 250);
    },
    async stopMs(): Promise<number> {
      clearInterval(timer);
      await sample();
      await client.end();
      let ticks = 0;
      for (const [pid, now] of last) if (pid !== ownPid) ticks += now - (first.get(pid) ?? 0);
      return (ticks * 1000) / TICKS_PER_SECOND;
    },
  };
}

async function inboxBlocks(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT coalesce(heap_blks_hit,0) + coalesce(heap_blks_read,0) + coalesce(idx_blks_hit,0)
              + coalesce(idx_blks_read,0) + coalesce(toast_blks_hit,0) + coalesce(toast_blks_read,0) AS n
         FROM pg_statio_user_tables WHERE relname = 'Inbox'`,
    );
    return Number(rows[0]?.n ?? 0);
  });
}

function summary(t: Timing | undefined) {
  if (!t || t.ms.length === 0) return { count: 0 };
  const sorted = [...t.ms].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    count: sorted.length,
    meanMs: round(mean),
    p95Ms: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

async function main() {
  const { name, url } = await createBenchDatabase();
  const pools: pg.Pool[] = [];
  const processors: InboxProcessor[] = [];
  try {
    await runMigrations(url, migrationsDir);
    await withClient(url, async (c) => {
      // History: done rows as the hot path leaves them (payload and all, as stored).
      await c.query(
        `INSERT INTO "Inbox" ("source", "dedupeKey", "chatKey", "payload", "createdAt", "doneAt", "attempts")
         SELECT $1, 'old:' || g, 'chat:' || (g % $2), jsonb_build_object('update_id', g, 'message',
                jsonb_build_object('chat', jsonb_build_object('id', g % $2), 'text', repeat('x', 120))),
                (now() AT TIME ZONE 'UTC') - interval '1 hour', (now() AT TIME ZONE 'UTC') - interval '1 hour', 1
           FROM generate_series(1, $3::int) AS g`,
        [SOURCE, CHATS, DONE_ROWS],
      );
      await c.query(`VACUUM ANALYZE "Inbox"`);
    });

    const timings = new Map<string, Timing>();
    timeInboxStatements(timings);
    let handled = 0;
    for (let i = 0; i < PROCESSES; i++) {
      const pool = createPool(url, 10);
      // Dropping the database at the end closes connections still idle in the pools.
      pool.on("error", () => undefined);
      pools.push(pool);
      const processor = createInboxProcessor(pool, silentLogger(), {
        leaseMs: 30_000,
        maxInFlight: MAX_IN_FLIGHT,
        sweepMs: 2_000,
        retryForMs: 120_000,
      });
      processor.handle(SOURCE, {
        async run() {
          if (WORK_MS > 0) await new Promise((resolve) => setTimeout(resolve, WORK_MS));
          handled++;
        },
      });
      await processor.start();
      processors.push(processor);
    }
    // The receiver only stores (as a receiver whose capacity is taken, or a process of
    // its own): every row then goes through the claim, the statement this bench is about.
    const receiverPool = createPool(url, 2);
    receiverPool.on("error", () => undefined);
    pools.push(receiverPool);
    const receiver = createInboxProcessor(receiverPool, silentLogger());
    processors.push(receiver);

    const blocksBefore = await inboxBlocks(url);
    const cpu = backendCpu(url, name);
    await cpu.start();
    const started = performance.now();
    const batch = Math.max(1, Math.round(RATE / 10));
    let stored = 0;
    let seq = 0;
    while (stored < MESSAGES) {
      const due = started + (stored / RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const updates = [];
      for (let i = 0; i < batch && stored < MESSAGES; i++, stored++) {
        seq++;
        const chat = Math.floor(Math.random() * CHATS);
        updates.push({
          dedupeKey: `u:${seq}`,
          chatKey: `chat:${chat}`,
          payload: {
            update_id: seq,
            message: { chat: { id: chat }, text: `message ${seq} ${"x".repeat(100)}` },
          },
        });
      }
      // One poll loop stores one batch at a time, as the long poller does.
      await receiver.store(SOURCE, updates, { key: SOURCE, token: 1 }, String(seq));
    }
    const storedAt = performance.now();
    const open = async () =>
      withClient(url, async (c) => {
        const { rows } = await c.query<{ n: string }>(
          `SELECT count(*) AS n FROM "Inbox" WHERE "doneAt" IS NULL`,
        );
        return Number(rows[0]?.n ?? 0);
      });
    while (handled < MESSAGES || (await open()) > 0) {
      if (performance.now() - storedAt > 120_000) throw new Error("inbox did not drain in 120 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const drainMs = performance.now() - storedAt;
    for (const p of processors) await p.settled();
    const cpuMs = await cpu.stopMs();
    // Table statistics reach the view when a backend reports them (at most every second).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const blocks = (await inboxBlocks(url)) - blocksBefore;
    const size = await withClient(url, async (c) => {
      const { rows } = await c.query<{ table: string; indexes: string }>(
        `SELECT pg_table_size('"Inbox"') AS table, pg_indexes_size('"Inbox"') AS indexes`,
      );
      return { tableKb: Number(rows[0]!.table) >> 10, indexesKb: Number(rows[0]!.indexes) >> 10 };
    });
    const statements = Object.fromEntries(
      ["store", "claim", "finish"].map((k) => [k, summary(timings.get(k))]),
    );
    const round = (x: number) => Math.round(x * 1000) / 1000;
    process.stdout.write(
      `${JSON.stringify(
        {
          messages: MESSAGES,
          rate: RATE,
          chats: CHATS,
          processes: PROCESSES,
          doneRowsBefore: DONE_ROWS,
          handled,
          pgCpuMsPerMessage: round(cpuMs / MESSAGES),
          pgCpuMs: cpuMs,
          statements,
          statementsPerMessage: round(
            [...timings.values()].reduce((n, t) => n + t.ms.length, 0) / MESSAGES,
          ),
          inboxBlocksPerMessage: round(blocks / MESSAGES),
          storeSeconds: round((storedAt - started) / 1000),
          drainMs: Math.round(drainMs),
          sizeAfter: size,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const p of processors) await p.stop().catch(() => undefined);
    for (const pool of pools) await pool.end().catch(() => undefined);
    // A connection still closing when the database is dropped reports "terminating
    // connection due to administrator command" (57P01) on a pool that may have no listener
    // (the store pool of an older processor): expected here, not a failure of the run.
    process.on("uncaughtException", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") throw error;
    });
    await dropBenchDatabase(name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
