import pg from "pg";
import type { Logger } from "../observability/index.js";
import { LIVENESS_LOCK_CLASS } from "./owner-id.js";

export interface LivenessLock {
  /** Resolves once the lock is held the first time (or the first attempt failed: retries go on). */
  ready: Promise<void>;
  /** Releases the lock: call it last, when this process holds no lease any more. */
  close(): Promise<void>;
}

/**
 * Holds a session advisory lock named for `owner` on a connection of its own for as long
 * as the process lives: PostgreSQL drops it the moment the process's session ends (kill -9
 * closes the socket), which tells the other processes that its leases are free without
 * waiting for them to run out. A lost connection is opened again quickly: while it is
 * away the process looks dead, and the others release its leases once it has looked dead
 * for a grace period (see findDeadHolders).
 *
 * Needs a session connection: behind PgBouncer in transaction mode the lock would not
 * outlive a statement (LISTEN/NOTIFY has the same need).
 */
export function holdLiveness(
  connectionString: string,
  owner: string,
  logger: Logger,
  retryMs = 500,
): LivenessLock {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString, keepAlive: true });
    next.on("error", (error) => {
      logger.warn({ err: error }, "liveness connection lost; opening it again");
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      schedule();
    });
    try {
      await next.connect();
      const { rows } = await next.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok",
        [LIVENESS_LOCK_CLASS, owner],
      );
      // Held by another session: a hash collision with a live process, which makes this
      // one look alive too (the safe side); nothing to do but keep the connection.
      if (!rows[0]?.ok)
        logger.warn({ owner }, "liveness lock held by another session (hash collision)");
    } catch (error) {
      logger.warn({ err: error }, "liveness lock not taken; trying again soon");
      await next.end().catch(() => undefined);
      schedule();
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
  };

  return {
    ready: connect(),
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
