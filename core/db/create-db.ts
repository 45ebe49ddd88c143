import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";
import { createPool, registerPool, type IdleConnectionError } from "./sql-pool.js";

export type Db = PrismaClient;

/**
 * Opens the Prisma client on the pg driver adapter (Prisma 7 needs no native engine).
 * The pool underneath is shared with the hot path's own SQL (see sql-pool.ts).
 * The caller owns the client and must `$disconnect()` it (which ends the pool).
 */
export function createDb(
  databaseUrl: string,
  options: { poolSize?: number; onIdleError?: IdleConnectionError } = {},
): Db {
  const pool = createPool(databaseUrl, options.poolSize ?? 10, options.onIdleError);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const db = new PrismaClient({ adapter });
  registerPool(db, pool);
  return db;
}
