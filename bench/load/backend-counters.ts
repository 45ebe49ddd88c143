import { Redis } from "ioredis";
import { adminUrl, withClient } from "./bench-db.js";

/** Work the system asked of PostgreSQL and Redis so far (server-side counters). */
export interface BackendCounters {
  /** Committed and rolled-back transactions of the bench database (each autocommit statement counts). */
  transactions: number;
  /** Rows inserted, updated and deleted in the bench database. */
  rowsWritten: number;
  /** Commands Redis processed (the whole server: other users show up too). */
  redisCommands: number;
}

export async function readCounters(dbName: string): Promise<BackendCounters | undefined> {
  try {
    const pgRow = await withClient(adminUrl, async (c) => {
      const { rows } = await c.query<{ tx: string; written: string }>(
        `SELECT xact_commit + xact_rollback AS tx, tup_inserted + tup_updated + tup_deleted AS written
           FROM pg_stat_database WHERE datname = $1`,
        [dbName],
      );
      return rows[0];
    });
    const redis = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true });
    let commands = 0;
    try {
      await redis.connect();
      const info = await redis.info("stats");
      commands = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
    } finally {
      redis.disconnect();
    }
    return {
      transactions: Number(pgRow?.tx ?? 0),
      rowsWritten: Number(pgRow?.written ?? 0),
      redisCommands: commands,
    };
  } catch {
    // Counters are a diagnosis aid; a restart in progress must not fail the bench.
    return undefined;
  }
}

/** Per parent message between two readings (PostgreSQL's statistics lag by up to a second). */
export function countersPerMessage(
  before: BackendCounters | undefined,
  after: BackendCounters | undefined,
  messages: number,
): Record<string, number> | null {
  if (!before || !after || messages === 0) return null;
  const per = (a: number, b: number) => Math.round(((b - a) / messages) * 10) / 10;
  return {
    pg_transactions: per(before.transactions, after.transactions),
    pg_rows_written: per(before.rowsWritten, after.rowsWritten),
    redis_commands: per(before.redisCommands, after.redisCommands),
  };
}
