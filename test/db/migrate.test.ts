import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { MigrationError, migrationsDir, runMigrations } from "../../core/db/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

const dbs: TestDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});

async function emptyDb(): Promise<TestDb> {
  const d = await createTestDb({ empty: true });
  dbs.push(d);
  return d;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  test("applies every migration once, recorded as prisma migrate deploy records it", async () => {
    const d = await emptyDb();
    const first = await runMigrations(d.url, migrationsDir);
    // Every folder of prisma/migrations, in name order (what `prisma migrate deploy` applies).
    const folders = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(first.applied).toEqual(folders);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      d.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test("applying twice is a no-op", async () => {
    const d = await emptyDb();
    await runMigrations(d.url, migrationsDir);
    const second = await runMigrations(d.url, migrationsDir);
    expect(second.applied).toEqual([]);
    expect(second.warnings).toEqual([]);
    const [count] = await query<{ n: string }>(
      d.url,
      `SELECT count(*) AS n FROM "_prisma_migrations"`,
    );
    expect(Number(count?.n)).toBe(second.alreadyApplied);
  });

  test("a failing migration is rolled back whole and named in the error", async () => {
    const d = await emptyDb();
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(migrationsDir, dir, { recursive: true });
    const broken = path.join(dir, "29990101000000_broken");
    mkdirSync(broken);
    writeFileSync(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );
    const error = await runMigrations(d.url, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(
      /29990101000000_broken failed and was rolled back.*NoSuchTable/,
    );
    const halfDone = await query(
      d.url,
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`,
    );
    expect(halfDone).toEqual([]);
    const recorded = await query(
      d.url,
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    expect(recorded).toEqual([]);
    // The migrations before it stay applied, and fixing the file lets the next run finish.
    writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "HalfDone" ("id" INTEGER);\n`);
    expect((await runMigrations(d.url, dir)).applied).toEqual(["29990101000000_broken"]);
  });

  test("concurrent runners apply each migration exactly once", async () => {
    const d = await emptyDb();
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(d.url, migrationsDir)));
    expect(results.flatMap((r) => r.applied).length).toBe(
      results[0]!.applied.length + results[0]!.alreadyApplied,
    );
  });
});
