import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrationsDir, runMigrations } from "../../core/db/index.js";
import { databaseUrl, withAdmin } from "./test-db.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

/**
 * Builds the migrated template database every test database is cloned from. Each run
 * has its own template, so several runs on one machine never disturb each other.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // CI's closing note shows which Node ran the tests (the project needs 24).
  console.log(`tests run on node ${process.version} (${process.execPath})`);
  const template = `navigator_tpl_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await dropStale();
  await withAdmin((c) => c.query(`CREATE DATABASE ${template}`));
  await runMigrations(databaseUrl(template), migrationsDir);
  project.provide("templateDb", template);
  return async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  };
}

/** Databases left by runs killed before their cleanup: names carry their birth time. */
async function dropStale(): Promise<void> {
  const sixHoursAgo = Date.now() - 6 * 3600_000;
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'navigator\\_t%'`,
    );
    for (const { datname } of rows) {
      // Only names this file makes: navigator_tdb_<base-36 time>_<hex> and navigator_tpl_…
      const match = /^navigator_(?:tdb|tpl)_([0-9a-z]{8,9})_[0-9a-f]+$/.exec(datname);
      const born = match ? Number.parseInt(match[1] ?? "", 36) : Number.NaN;
      if (born > Date.UTC(2024, 0) && born < sixHoursAgo)
        await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
