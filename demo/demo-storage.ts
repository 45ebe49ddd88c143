import { Redis } from "ioredis";
import pg from "pg";

/**
 * The demo's own PostgreSQL database and Redis database number, emptied at every start so
 * each run begins as a fresh installation (the service migrates the database itself).
 */
export async function freshStorage(options: {
  adminUrl: string;
  database: string;
  redisUrl: string;
  redisDb: number;
}): Promise<{ databaseUrl: string; redisUrl: string }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.database))
    throw new Error(
      `--database must be lower-case letters, digits and _ (got "${options.database}")`,
    );
  if (options.redisDb === 0) throw new Error("--redis-db 0 is where the tests work; pick 1-15");
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${options.database}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = new URL(options.adminUrl);
  databaseUrl.pathname = `/${options.database}`;
  const redisUrl = new URL(options.redisUrl);
  redisUrl.pathname = `/${options.redisDb}`;
  const redis = new Redis(redisUrl.toString(), { lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  return { databaseUrl: databaseUrl.toString(), redisUrl: redisUrl.toString() };
}
