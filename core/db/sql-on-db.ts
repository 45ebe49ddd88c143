import type { Db } from "./create-db.js";
import { poolOf, sql, sqlTime } from "./sql-pool.js";

/**
 * Runs one hand-written statement for a Prisma client: on the pg pool under it when the
 * client was made by createDb (Prisma's query engine costs more CPU than a small statement
 * itself), else through Prisma with the same text (a client without a pool: tests' fakes).
 * A named statement is prepared once per connection on the pool.
 */
export async function sqlOnDb<R>(
  db: Db,
  statement: string | { name: string; text: string },
  values: unknown[],
): Promise<R[]> {
  const pool = poolOf(db);
  if (pool) return sql<R & Record<string, unknown>>(pool, statement, values.map(asSqlValue));
  const text = typeof statement === "string" ? statement : statement.text;
  return db.$queryRawUnsafe<R[]>(text, ...values);
}

// The pool's parameters are text: a Date as timestamp(3) without zone (UTC, as Prisma writes).
const asSqlValue = (value: unknown) => (value instanceof Date ? sqlTime(value) : value);
