/**
 * `npm run bench:sla`: how the SLA timers scale, printed as one JSON object.
 *
 *  - schedule: 100,000 open tickets in a scratch PostgreSQL database get their timers
 *    through the sweeper (the bulk path, as after a Redis loss); time and Redis memory
 *    (INFO used_memory before/after, and MEMORY USAGE of the keys under the private prefix,
 *    which other Redis users cannot disturb); then a sweep with nothing to repair, and the
 *    per-commit path (one reschedule per ticket).
 *  - lateness: 2,000 timers due within 1-4 s on the real queue and worker; fire time minus
 *    due time, p50/p99/max (target p99 <= 1 s).
 *
 * Needs PostgreSQL (admin URL: BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * postgresql://postgres@127.0.0.1:5432/postgres) and Redis (REDIS_URL). Cleans up after itself.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseWarningPoints } from "../core/config/index.js";
import { createDb, type Db, migrationsDir, runMigrations } from "../core/db/index.js";
import { createI18n } from "../core/i18n/index.js";
import { noFaq } from "../core/intake/index.js";
import { createMetrics, silentLogger } from "../core/observability/index.js";
import {
  createJobQueues,
  createKeyedTimers,
  createRedis,
  queueNames,
  type RedisClient,
  startWorker,
} from "../core/queue/index.js";
import { createCore, createSlaDeps } from "../core/runtime/index.js";
import { HOUR, systemClock } from "../core/shared/index.js";
import { rescheduleSlaTimers, sweepSlaTimers } from "../core/sla/index.js";

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const LATENESS_TIMERS = Number(process.env.BENCH_TIMERS ?? 2_000);
const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function main(): Promise<void> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const dbName = `navigator_bench_${suffix}`;
  const prefix = `navbench-${suffix}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const redis = createRedis(redisUrl);
  const url = withDatabase(adminUrl, dbName);
  let db: Db | undefined;
  try {
    await runMigrations(url, migrationsDir);
    db = createDb(url, { poolSize: 10 });
    const schedule = await benchSchedule(db, redis, prefix);
    const lateness = await benchLateness(redis, `${prefix}-late`);
    console.log(JSON.stringify({ tickets: TICKETS, schedule, lateness }, null, 2));
  } finally {
    await deleteKeys(redis, `${prefix}*`);
    redis.disconnect();
    await db?.$disconnect();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

async function benchSchedule(db: Db, redis: RedisClient, prefix: string) {
  await seedOpenTickets(db, TICKETS);
  const core = createCore({
    db,
    redis,
    queuePrefix: prefix,
    clock: systemClock,
    config: {
      sla: { firstResponseMinutes: 1440, warningPoints: parseWarningPoints("50%,80%,15m") },
      tickets: { reopenWindowHours: 72, waitingParentReminderHours: 48, autoCloseHours: 120 },
      defaultTimeZone: "Europe/Moscow",
      relay: undefined,
    },
    i18n: createI18n(),
    faq: noFaq,
    logger: silentLogger(),
    metrics: createMetrics(),
  });
  const deps = createSlaDeps(core);
  const queue = core.queues.get(queueNames.sla);
  await queue.waitUntilReady();
  const memoryBefore = await usedMemory(redis);
  const started = performance.now();
  const sweep = await sweepSlaTimers(deps);
  const scheduleMs = performance.now() - started;
  const memoryAfter = await usedMemory(redis);
  const prefixBytes = await prefixMemory(redis, `${prefix}:*`);
  const counts = await queue.getJobCounts("delayed", "waiting");
  const timers = (counts.delayed ?? 0) + (counts.waiting ?? 0);

  const noop = performance.now();
  const second = await sweepSlaTimers(deps);
  const noopSweepMs = performance.now() - noop;

  const sample = 1000;
  const one = performance.now();
  for (let id = 1; id <= sample; id++) await rescheduleSlaTimers(deps, [id]);
  const perTicketMs = (performance.now() - one) / sample;
  await core.close();
  return {
    tickets: sweep.tickets,
    timersQueued: timers,
    scheduleMs: Math.round(scheduleMs),
    ticketsPerSecond: Math.round(sweep.tickets / (scheduleMs / 1000)),
    redisUsedMemoryBefore: memoryBefore,
    redisUsedMemoryAfter: memoryAfter,
    redisUsedMemoryDelta: memoryAfter - memoryBefore,
    prefixKeysMemoryBytes: prefixBytes,
    bytesPerTicket: Math.round(prefixBytes / Math.max(1, sweep.tickets)),
    noopSweepMs: Math.round(noopSweepMs),
    noopSweepRepaired: second.repaired,
    rescheduleOneTicketMs: Number(perTicketMs.toFixed(2)),
  };
}

async function benchLateness(redis: RedisClient, prefix: string) {
  const setup = { connection: redis, prefix };
  const lateness: number[] = [];
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const worker = startWorker(
    setup,
    queueNames.sla,
    async (job) => {
      const { at } = job.data as { at: number };
      lateness.push(Date.now() - at);
      if (lateness.length >= LATENESS_TIMERS) resolveDone();
    },
    { concurrency: 50 },
  );
  await worker.waitUntilReady();
  const queues = createJobQueues(setup);
  const timers = createKeyedTimers(queues.get(queueNames.sla), redis, prefix);
  const now = new Date();
  const entries = Array.from({ length: LATENESS_TIMERS }, (_, i) => {
    const at = now.getTime() + 1000 + Math.round((3000 * i) / LATENESS_TIMERS);
    return {
      owner: String(i + 1),
      timer: { id: `bench-${i + 1}-${at}`, name: "bench", data: { at }, at: new Date(at) },
    };
  });
  for (let i = 0; i < entries.length; i += 500) await timers.put(entries.slice(i, i + 500), now);
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((resolve) => (timeout = setTimeout(resolve, 60_000)))]);
  clearTimeout(timeout);
  await worker.close();
  await queues.close();
  const sorted = [...lateness].sort((a, b) => a - b);
  const pick = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
  return {
    timers: LATENESS_TIMERS,
    fired: sorted.length,
    p50Ms: pick(50),
    p99Ms: pick(99),
    maxMs: sorted.at(-1) ?? null,
    p99WithinOneSecond: (pick(99) ?? Infinity) <= 1000,
  };
}

/** Contacts and open tickets created over the last 10 hours, with a 24-hour deadline. */
async function seedOpenTickets(db: Db, count: number): Promise<void> {
  const now = Date.now();
  await db.$executeRaw`
    INSERT INTO "Contact" ("channel", "externalId", "updatedAt")
    SELECT 'telegram', 'bench-' || g, now() FROM generate_series(1, ${count}::int) AS g`;
  await db.$executeRaw`
    INSERT INTO "Ticket" ("number", "contactId", "category", "createdAt", "updatedAt",
                          "firstResponseDueAt", "responseDueAt")
    SELECT g, g, 'site',
           to_timestamp((${now}::bigint - (g % 36000) * 1000) / 1000.0) AT TIME ZONE 'UTC',
           now(),
           to_timestamp((${now}::bigint - (g % 36000) * 1000 + ${24 * HOUR}::bigint) / 1000.0) AT TIME ZONE 'UTC',
           to_timestamp((${now}::bigint - (g % 36000) * 1000 + ${24 * HOUR}::bigint) / 1000.0) AT TIME ZONE 'UTC'
    FROM generate_series(1, ${count}::int) AS g`;
}

async function usedMemory(redis: RedisClient): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function prefixMemory(redis: RedisClient, pattern: string): Promise<number> {
  let total = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory("USAGE", key, "SAMPLES", "0");
    for (const [, bytes] of (await pipeline.exec()) ?? []) total += Number(bytes ?? 0);
  } while (cursor !== "0");
  return total;
}

async function deleteKeys(redis: RedisClient, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error("bench:sla failed:", error);
  process.exit(1);
});
