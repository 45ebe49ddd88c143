import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** Prisma's own advisory lock key, so this runner and `prisma migrate deploy` never overlap. */
const PRISMA_MIGRATE_LOCK = 72707369;

export class MigrationError extends Error {
  readonly code = "MIGRATION_FAILED";
  constructor(
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
  warnings: string[];
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/**
 * Applies `prisma/migrations/<name>/migration.sql` files in name order, each in its own
 * transaction, recording them in `_prisma_migrations` exactly as `prisma migrate deploy`
 * does. A failing migration is rolled back whole and nothing after it runs.
 */
export async function runMigrations(
  databaseUrl: string,
  migrationsDir: string,
): Promise<MigrationResult> {
  const files = await readMigrationFiles(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(createHistoryTableSql);
    const history = await readHistory(client);
    const warnings = checkHistory(history, files);
    const applied: string[] = [];
    for (const file of files) {
      if (history.has(file.name)) continue;
      await applyOne(client, file);
      applied.push(file.name);
    }
    return { applied, alreadyApplied: files.length - applied.length, warnings };
  } finally {
    await client
      .query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK])
      .catch(() => undefined);
    await client.end();
  }
}

const createHistoryTableSql = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

interface HistoryRow {
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

async function readHistory(client: pg.Client): Promise<Map<string, HistoryRow>> {
  const { rows } = await client.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
  }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
  const history = new Map<string, HistoryRow>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new MigrationError(
        row.migration_name,
        `Migration ${row.migration_name} was started earlier and never finished. Check the database by hand, then mark it with \`prisma migrate resolve --rolled-back ${row.migration_name}\` (or delete its row in _prisma_migrations) and run the migration again.`,
      );
    }
    history.set(row.migration_name, { checksum: row.checksum, finished: true, rolledBack: false });
  }
  return history;
}

function checkHistory(history: Map<string, HistoryRow>, files: MigrationFile[]): string[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  const warnings: string[] = [];
  for (const [name, row] of history) {
    const file = byName.get(name);
    if (!file)
      warnings.push(
        `Migration ${name} is applied in the database but missing from prisma/migrations.`,
      );
    else if (file.checksum !== row.checksum)
      warnings.push(
        `Migration ${name} was edited after it was applied; the database keeps the old version.`,
      );
  }
  return warnings;
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  try {
    await client.query("BEGIN");
    await client.query(file.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      file.name,
      `Migration ${file.name} failed and was rolled back, nothing of it was applied: ${reason}`,
      { cause: error },
    );
  }
}
