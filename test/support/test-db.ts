import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "../../core/db/index.js";

export const adminUrl =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDb {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated template (made once per run by
 * global-setup.ts), so every test file owns its data and files run in parallel.
 */
export async function createTestDb(options: { empty?: boolean } = {}): Promise<TestDb> {
  const name = `navigator_tdb_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) =>
    c.query(
      options.empty
        ? `CREATE DATABASE ${name}`
        : `CREATE DATABASE ${name} TEMPLATE ${inject("templateDb")}`,
    ),
  );
  const url = databaseUrl(name);
  const db = createDb(url, { poolSize: 30 });
  return {
    db,
    url,
    name,
    async drop() {
      await db.$disconnect();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
