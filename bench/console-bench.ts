/**
 * `npm run bench:console`: server time of the web console's queue page and search on a
 * large history, printed as one JSON object (target: p95 <= 200 ms each).
 *
 * A scratch PostgreSQL database gets BENCH_TICKETS tickets (default 100,000) and
 * BENCH_MESSAGES messages (default 1,000,000), bulk-generated with generate_series, then
 * ANALYZE. The console plugin is mounted on Fastify and each request is timed through
 * `inject` (no network), with a signed-in supervisor's cookie: the queue (default view
 * and a filtered one, and the 20th page of all tickets reached by "next" links), search by a rare word, a common word, a phone number, a ticket
 * number and a parent's name.
 *
 * Needs PostgreSQL (as bench:load: BENCH_ADMIN_DATABASE_URL, default postgres on 127.0.0.1)
 * and Redis (REDIS_URL). Cleans up after itself.
 */
import { randomBytes } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { startSession } from "../core/console/index.js";
import { createDb, type Db, migrationsDir, runMigrations } from "../core/db/index.js";
import { createI18n } from "../core/i18n/index.js";
import { noFaq } from "../core/intake/index.js";
import { createMetrics, silentLogger } from "../core/observability/index.js";
import { createRedis } from "../core/queue/index.js";
import { createCore } from "../core/runtime/index.js";
import { systemClock } from "../core/shared/index.js";
import { staffGuards } from "../core/staff/index.js";
import { consolePlugin } from "../web/index.js";
import { generateHistory } from "./console-history.js";
import { createBenchDatabase, dropBenchDatabase } from "./load/bench-db.js";

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** The queue pages by cursor: page n is reached as a person would, by "next" n - 1 times. */
async function followNext(
  web: FastifyInstance,
  cookie: string,
  first: string,
  times: number,
): Promise<string> {
  let path = first;
  for (let i = 0; i < times; i++) {
    const response = await web.inject({ method: "GET", url: path, headers: { cookie } });
    const next = /<a href="([^"]+)" rel="next"/.exec(response.body)?.[1];
    if (!next) throw new Error(`${path}: no next page after ${i + 1} pages`);
    path = next.replace(/&amp;/g, "&");
  }
  return path;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const { name: dbName, url } = await createBenchDatabase();
  const redis = createRedis(redisUrl);
  let db: Db | undefined;
  const web = Fastify({ logger: false });
  try {
    await runMigrations(url, migrationsDir);
    db = createDb(url, { poolSize: 10 });
    await generateHistory(db, TICKETS, MESSAGES);
    const core = createCore({
      db,
      redis,
      queuePrefix: `navbench-${suffix}`,
      clock: systemClock,
      config: {
        sla: { firstResponseMinutes: 1440, warningPoints: [] },
        tickets: { reopenWindowHours: 72, waitingParentReminderHours: 48, autoCloseHours: 120 },
        defaultTimeZone: "Europe/Moscow",
        relay: {
          token: "0:bench",
          apiRoot: "http://127.0.0.1:9",
          chatId: "-100",
          showAgentName: false,
          groupMessagesPerMinute: 20,
        },
      },
      i18n: createI18n(),
      faq: noFaq,
      logger: silentLogger(),
      metrics: createMetrics(),
      staffGuards: staffGuards(),
    });
    await web.register(
      consolePlugin({ staff: core.staff!, publicUrl: "http://localhost", requestsPerMinute: 1e9 }),
      { prefix: "/console" },
    );
    await web.ready();
    const supervisor = await db.agent.findUniqueOrThrow({ where: { telegramUserId: "1001" } });
    const cookie = `console_session=${await startSession(core, supervisor.id)}`;
    const phone = `+7 (9${String(101).padStart(8, "0")})`;
    const cases: Record<string, string> = {
      queue: "/console/queue",
      queue_filtered: "/console/queue?status=open&category=booking&sla=24h&municipality=3",
      queue_page_20: await followNext(web, cookie, "/console/queue?status=all", 19),
      search_rare_word: `/console/search?q=${encodeURIComponent("керамика")}`,
      search_common_word: `/console/search?q=${encodeURIComponent("сертификат")}`,
      search_phone: `/console/search?q=${encodeURIComponent(phone)}`,
      search_number: `/console/search?q=${encodeURIComponent(`№${Math.floor(TICKETS / 2)}`)}`,
      search_parent_name: `/console/search?q=${encodeURIComponent("Орлова")}`,
    };
    const results: Record<
      string,
      { p50_ms: number; p95_ms: number; max_ms: number; rows: number }
    > = {};
    for (const [name, path] of Object.entries(cases)) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS + 3; i++) {
        const started = process.hrtime.bigint();
        const response = await web.inject({ method: "GET", url: path, headers: { cookie } });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (response.statusCode !== 200) throw new Error(`${path}: HTTP ${response.statusCode}`);
        rows = (response.body.match(/href="\/console\/tickets\/\d+"/g) ?? []).length;
        if (i >= 3) times.push(ms);
      }
      times.sort((a, b) => a - b);
      results[name] = {
        p50_ms: Math.round(percentile(times, 50) * 10) / 10,
        p95_ms: Math.round(percentile(times, 95) * 10) / 10,
        max_ms: Math.round((times.at(-1) ?? 0) * 10) / 10,
        rows,
      };
    }
    const worst = Math.max(...Object.values(results).map((r) => r.p95_ms));
    console.log(
      JSON.stringify(
        {
          tickets: TICKETS,
          messages: MESSAGES,
          runs: RUNS,
          target_p95_ms: 200,
          worst_p95_ms: worst,
          results,
        },
        null,
        2,
      ),
    );
    await core.close();
  } finally {
    await web.close();
    redis.disconnect();
    await db?.$disconnect();
    await dropBenchDatabase(dbName);
  }
}

main().catch((error: unknown) => {
  console.error("bench:console failed:", error);
  process.exit(1);
});
