import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";

export type Db = PrismaClient;

/**
 * Opens the Prisma client on the pg driver adapter (Prisma 7 needs no native engine).
 * The caller owns the client and must `$disconnect()` it.
 */
export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}
