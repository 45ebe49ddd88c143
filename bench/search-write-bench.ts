/**
 * `npm run bench:search-write`: PostgreSQL's cost of writing a message, with the console's
 * search indexes maintained on the insert (migrations before 20261207030000) and with them
 * maintained by the search indexer in batches (now), side by side in one sitting.
 *
 * Three scratch databases: `inline` (migrated up to the one before the search indexer: the
 * generated tsvector and both GIN indexes on "Message"), `queued` (all migrations: the
 * insert queues the id; the indexer then writes "MessageSearch") and `bare` (all
 * migrations with the queue trigger disabled: the floor, no search at all). Each first
 * gets BENCH_EXISTING messages (default 100,000, indexed), then BENCH_MESSAGES (default
 * 5,000) single-row INSERTs, one transaction each, as the hot path writes a message. The
 * cost is the backend's CPU time (/proc/<pid>/schedstat, nanoseconds) per message, and for
 * `queued` also the indexer's CPU per message in batches of BENCH_BATCH (default 500).
 * Buffer accesses per message (pg_stat_database; load-independent) are given beside the CPU.
 * The variants take turns BENCH_REPEATS times (default 3); every round is printed.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, migrationsDir, runMigrations } from "../core/db/index.js";
import { indexSearchBatch } from "../core/search/index.js";
import { createBenchDatabase, dropBenchDatabase } from "./load/bench-db.js";

const EXISTING = Number(process.env.BENCH_EXISTING ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SEARCH_MIGRATION = "20261207030000_search_off_hot_path";

const phrases = [
  "Здравствуйте, не могу записать ребёнка в кружок, пишет ошибку",
  "Заявка висит на рассмотрении уже неделю, что делать",
  "Не приходит письмо с подтверждением регистрации",
  "Как получить сертификат дополнительного образования",
  "Ребёнок занимается в секции плавания, нужно перевести в другую группу",
  "Не открывается сайт навигатора с телефона, мой номер +7 (912) 345-67-89",
];

type Variant = "inline" | "queued" | "bare";

/** CPU time of a backend so far, in nanoseconds. */
function cpuNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
}

/**
 * Buffer accesses (hits and reads) in a database only this bench uses: unlike CPU time, the
 * same on a loaded machine as on an idle one. The statistics are flushed first.
 */
async function blocksOf(client: pg.Client): Promise<number> {
  await client.query("SELECT pg_stat_force_next_flush()");
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ blocks: string }>(
    `SELECT blks_hit + blks_read AS blocks FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0]!.blocks);
}

async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
}

async function prepare(variant: Variant, dir: string) {
  const { name, url } = await createBenchDatabase();
  await runMigrations(url, dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO "Contact" (channel, "externalId", "displayName", "updatedAt")
                      VALUES ('telegram', '1', 'Bench', now())`);
  await client.query(`INSERT INTO "Ticket" ("contactId", category, status, "firstResponseDueAt", "updatedAt")
                      SELECT 1, 'other', 'closed', now(), now() FROM generate_series(1, 1000)`);
  const texts = `(ARRAY[${phrases.map((p) => `'${p}'`).join(",")}])`;
  await client.query(`INSERT INTO "Message" ("ticketId", direction, text)
                      SELECT 1 + g % 1000, 'in', ${texts}[1 + g % ${phrases.length}] || ' ' || g
                        FROM generate_series(1, ${EXISTING}) g`);
  if (variant !== "inline") {
    const db = createDb(url, { poolSize: 1 });
    while ((await indexSearchBatch(db, 10_000)) > 0);
    await db.$disconnect();
  }
  if (variant === "bare")
    await client.query(`ALTER TABLE "Message" DISABLE TRIGGER "Message_search_enqueue_inserted"`);
  await client.query("VACUUM ANALYZE");
  return { name, url, client, pid: await backendPid(client) };
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), "search-bench-"));
  const before = path.join(scratch, "migrations");
  cpSync(migrationsDir, before, { recursive: true });
  if (!readdirSync(before).includes(SEARCH_MIGRATION))
    throw new Error(`${SEARCH_MIGRATION} not found in ${migrationsDir}`);
  rmSync(path.join(before, SEARCH_MIGRATION), { recursive: true });
  const dbs = {
    inline: await prepare("inline", before),
    queued: await prepare("queued", migrationsDir),
    bare: await prepare("bare", migrationsDir),
  };
  const rounds: Record<string, number>[] = [];
  let next = EXISTING;
  try {
    for (let round = 0; round < REPEATS; round++) {
      const result: Record<string, number> = {};
      for (const variant of ["inline", "queued", "bare"] as const) {
        const { client, pid } = dbs[variant];
        const startBlocks = await blocksOf(client);
        const start = cpuNs(pid);
        for (let i = 0; i < MESSAGES; i++) {
          const g = next + i;
          await client.query(
            `INSERT INTO "Message" ("ticketId", direction, text, "createdAt") VALUES ($1, 'in', $2, now())`,
            [1 + (g % 1000), `${phrases[g % phrases.length]} ${g}`],
          );
        }
        result[`${variant}_insert_us`] = Math.round((cpuNs(pid) - start) / MESSAGES / 100) / 10;
        result[`${variant}_insert_blocks`] =
          Math.round((((await blocksOf(client)) - startBlocks) / MESSAGES) * 10) / 10;
        if (variant === "queued") {
          const db = createDb(dbs.queued.url, { poolSize: 1 });
          const [pidRow] = await db.$queryRawUnsafe<{ pid: number }[]>(
            "SELECT pg_backend_pid() AS pid",
          );
          const indexerPid = pidRow!.pid;
          const startIndexerBlocks = await blocksOf(client);
          const startIndexer = cpuNs(indexerPid);
          let indexed = 0;
          for (let taken = -1; taken !== 0; indexed += taken)
            taken = await indexSearchBatch(db, BATCH);
          result.indexer_us_per_message =
            Math.round((cpuNs(indexerPid) - startIndexer) / indexed / 100) / 10;
          // The indexer's statistics reach pg_stat_database at its next idle moment.
          await db.$executeRawUnsafe("SELECT pg_stat_force_next_flush()");
          await db.$executeRawUnsafe("SELECT 1");
          await db.$disconnect();
          result.indexer_blocks_per_message =
            Math.round((((await blocksOf(client)) - startIndexerBlocks) / indexed) * 10) / 10;
        }
      }
      next += MESSAGES;
      result.queued_total_us =
        Math.round((result.queued_insert_us! + result.indexer_us_per_message!) * 10) / 10;
      rounds.push(result);
      console.error(JSON.stringify(result));
    }
  } finally {
    for (const { client, name } of Object.values(dbs)) {
      await client.end();
      await dropBenchDatabase(name);
    }
    rmSync(scratch, { recursive: true });
  }
  console.log(
    JSON.stringify({ existing: EXISTING, messages: MESSAGES, batch: BATCH, rounds }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error("bench:search-write failed:", error);
  process.exit(1);
});
