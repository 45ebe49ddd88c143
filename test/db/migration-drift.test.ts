import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrationsDir, runMigrations } from "../../core/db/index.js";
import { introspect } from "../support/db-introspection.js";
import { expectedSchema, type SchemaFacts } from "../support/schema-expectations.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

const schemaPath = process.env.DRIFT_SCHEMA_PATH ?? path.resolve("prisma/schema.prisma");

let t: TestDb;
let client: pg.Client;

beforeAll(async () => {
  t = await createTestDb({ empty: true });
  await runMigrations(t.url, migrationsDir);
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await t.drop();
});

/** The differences between what schema.prisma describes and what the migrations built. */
async function drift(expected: SchemaFacts): Promise<string[]> {
  const actual = await introspect(client);
  const problems: string[] = [];
  const compare = (what: string, want: string[], have: string[]) => {
    for (const w of want)
      if (!have.includes(w)) problems.push(`${what} missing from the migrations: ${w}`);
    for (const h of have)
      if (!want.includes(h)) problems.push(`${what} not in schema.prisma: ${h}`);
  };
  compare("table", expected.tables, actual.tables);
  compare("column", expected.columns, actual.columns);
  compare(
    "index",
    expected.indexes.map((i) => i.fact),
    actual.indexes.map((i) => i.fact),
  );
  compare("foreign key", expected.foreignKeys, actual.foreignKeys);
  compare("enum", expected.enums, actual.enums);
  for (const index of expected.indexes) {
    const have = actual.indexes.find((i) => i.name === index.name)?.predicate ?? null;
    const want = index.where ? await canonicalPredicate(index.table, index.where) : null;
    if (have !== want)
      problems.push(
        `index ${index.name}: WHERE ${have ?? "(none)"} in the database, ${want ?? "(none)"} in schema.prisma`,
      );
  }
  return problems;
}

/** PostgreSQL's own rendering of a predicate, built on a throw-away copy of the table. */
async function canonicalPredicate(table: string, where: string): Promise<string | null> {
  await client.query("BEGIN");
  try {
    await client.query(`CREATE TEMP TABLE drift_probe (LIKE "${table}")`);
    await client.query(`CREATE INDEX drift_probe_idx ON drift_probe ((1)) WHERE ${where}`);
    const { rows } = await client.query<{ p: string | null }>(
      `SELECT pg_get_expr(x.indpred, x.indrelid) AS p FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = 'drift_probe_idx'`,
    );
    return rows[0]?.p ?? null;
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("migrations match schema.prisma", () => {
  test("every model, column, type, nullability, default, unique, index and foreign key", async () => {
    const expected = expectedSchema(schemaPath);
    expect(expected.tables.length).toBeGreaterThanOrEqual(12);
    expect(await drift(expected)).toEqual([]);
  });

  test("the comparison catches a column added to schema.prisma without SQL", async () => {
    const source = readFileSync(schemaPath, "utf8");
    const mutated = source.replace(/model Contact \{\n/, "model Contact {\n  nickname String?\n");
    expect(mutated).not.toBe(source);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "drift-")), "schema.prisma");
    writeFileSync(file, mutated);
    expect(await drift(expectedSchema(file))).toEqual([
      "column missing from the migrations: Contact.nickname text null default=none",
    ]);
  });

  test("the comparison catches a changed partial index predicate", async () => {
    const source = readFileSync(schemaPath, "utf8");
    const mutated = source.replace(
      "status NOT IN ('resolved', 'closed')",
      "status NOT IN ('closed')",
    );
    expect(mutated).not.toBe(source);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "drift-")), "schema.prisma");
    writeFileSync(file, mutated);
    const problems = await drift(expectedSchema(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Ticket_one_open_per_contact_category/);
  });

  test("the comparison catches a changed Unsupported column", async () => {
    const source = readFileSync(schemaPath, "utf8");
    const mutated = source.replace(
      `words     Unsupported("tsvector")`,
      `words     Unsupported("tsquery")`,
    );
    expect(mutated).not.toBe(source);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "drift-")), "schema.prisma");
    writeFileSync(file, mutated);
    const problems = await drift(expectedSchema(file));
    expect(problems).toEqual([
      "column missing from the migrations: MessageSearch.words tsquery not null default=none",
      "column not in schema.prisma: MessageSearch.words tsvector not null default=none",
    ]);
  });
});
