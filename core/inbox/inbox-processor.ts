import type pg from "pg";
import { createPool } from "../db/sql-pool.js";
import {
  createDeadLeaseReclaimer,
  holdLiveness,
  isAlive,
  type LivenessLock,
  newOwnerId,
  tracksLiveness,
} from "../liveness/index.js";
import type { Logger } from "../observability/index.js";
import { isTransientFailure } from "../shared/index.js";
import { runForRow } from "./inbox-scope.js";
import {
  abandonRow,
  claimRows,
  currentFence,
  finishRows,
  type InboxRow,
  type IncomingUpdate,
  retryRowLater,
  storeUpdates,
  type StoreResult,
} from "./inbox-sql.js";
import { listenForInbox, type InboxWakeup } from "./inbox-wakeup.js";

/** How one source's rows are handled in this process. */
export interface RowHandler {
  /** Handles the raw update; throws the failure's cause (unwrapped from framework errors). */
  run(payload: unknown, row: InboxRow): Promise<void>;
  /** Whether a failure may pass if tried again (default: the database or Redis was away). */
  retryable?(error: unknown): boolean;
  /** Hears about a failed attempt (logging, metrics); `willRetry` false means given up. */
  onFailed?(row: InboxRow, error: unknown, willRetry: boolean): void;
}

export interface InboxSettings {
  /** How long a claimed row stays this process's before another may take it over. */
  leaseMs: number;
  /** Rows handled at once by this process (each of another chat). */
  maxInFlight: number;
  /** How often unfinished rows are looked for without a wake-up (expired leases too). */
  sweepMs: number;
  /** How long after it was stored a row failing for a passing reason is tried again. */
  retryForMs: number;
  /**
   * How long a process must look dead (its liveness lock gone, see core/liveness) before
   * its leases are released: longer than a live process needs to reopen its connection.
   */
  deadOwnerGraceMs: number;
}

export const defaultInboxSettings: InboxSettings = {
  leaseMs: 30_000,
  maxInFlight: 64,
  sweepMs: 2_000,
  retryForMs: 120_000,
  deadOwnerGraceMs: 3_000,
};

export interface InboxProcessor {
  /** Who this process is in the rows' `leasedBy`. */
  readonly owner: string;
  readonly settings: InboxSettings;
  /** Registers the handler of a source; a process processes only sources it can handle. */
  handle(source: string, handler: RowHandler): void;
  /**
   * Stores updates (one statement) and starts the rows it could take at once; the rest
   * wait for any process. With a fence, a poller that lost its lease stores nothing.
   */
  store(
    source: string,
    updates: IncomingUpdate[],
    fence?: { key: string; token: number },
    cursor?: string,
  ): Promise<StoreResult>;
  /** The newest fencing token stored for a poller (see PollerLease.raiseFence). */
  currentFence(key: string): Promise<{ fence: number; cursor: string | undefined }>;
  /** Starts claiming (idempotent); receivers and workers alike call it. Resolves once listening. */
  start(): Promise<void>;
  /** Stops claiming, waits for the rows in flight and records them. */
  stop(): Promise<void>;
  /** Resolves when nothing is in flight and every finished row is recorded (tests). */
  settled(): Promise<void>;
  /**
   * Counts other work of this process against maxInFlight (the replies its own deliverer
   * is sending): under overload a reply already decided goes out before another update is
   * taken, instead of both waiting for the same connections and CPU. Call `wake` when
   * that work shrinks, so the rows it held back are taken at once.
   */
  shareCapacity(busy: () => number): { wake: () => void };
  /** Hears of outbox rows whose sender died (their lease was released): they need a delivery run. */
  onOutboxReleased(listener: (ids: number[]) => void): void;
  /** Whether the process named `owner` is alive (false only when it is known to be dead). */
  isAlive(owner: string): Promise<boolean>;
}

const CLAIM_BATCH = 50;

/**
 * Connections reserved for storing (and the poller's fence): a receiver must fetch and
 * confirm updates even while processing holds every connection of the main pool, or
 * updates wait at the messenger and are handed out again. Two: one poll loop stores one
 * batch at a time, and a webhook's next request may overlap it.
 */
export const STORE_POOL_SIZE = 2;

/**
 * Processes the inbox's rows in this process: rows it stored itself start at once, others
 * are claimed in batches (woken by NOTIFY, and by a periodic sweep that also takes over
 * the expired leases of a crashed process). A handled row is marked done in one batched
 * statement, unless the operation already marked it inside its own transaction.
 */
export function createInboxProcessor(
  pool: pg.Pool,
  logger: Logger,
  given: Partial<InboxSettings> = {},
): InboxProcessor {
  const settings: InboxSettings = { ...defaultInboxSettings, ...given };
  const owner = newOwnerId();
  const handlers = new Map<string, RowHandler>();
  const inFlight = new Set<Promise<void>>();
  let finished: number[] = [];
  // Rows handed to this process and not yet recorded done (their chats wait behind them).
  const held = new Map<number, string>();
  let running = false;
  let pumping = false;
  let pumpAgain = false;
  // Whether rows may be waiting that this process should look for: its last claim was
  // full, or the chats it holds have rows behind them; otherwise finishing a row costs no
  // claim round trip (new rows announce themselves by NOTIFY).
  let backlog = true;
  // The last claim was full: rows wait for capacity. A claim then waits until a quarter of
  // the capacity is free instead of taking one row each time one finishes.
  let saturated = false;
  // Where claims start: no row below it is left for any process, except leases of a
  // crashed process, which a claim from 0 once per lease period takes over. NOTIFY payloads
  // (`source:lowest id stored`) lower it; `heard` keeps those arriving during a claim, whose
  // result must not raise the floor over them.
  let floor = 0;
  let heard = Number.POSITIVE_INFINITY;
  let fullClaimAt = 0;
  const lower = (id: number) => {
    floor = Math.min(floor, id);
    heard = Math.min(heard, id);
  };
  let flushing: Promise<void> | undefined;
  let sweep: NodeJS.Timeout | undefined;
  let wakeup: InboxWakeup | undefined;
  let liveness: LivenessLock | undefined;
  const reclaimer = createDeadLeaseReclaimer(pool, owner, settings.deadOwnerGraceMs);
  let reclaiming = false;
  let recheck: NodeJS.Timeout | undefined;
  let outboxReleased: (ids: number[]) => void = () => undefined;
  const url = (pool as unknown as { options: { connectionString?: string } }).options
    .connectionString;
  // Opened on the first store: a process that only processes never connects it.
  let storePool: pg.Pool | undefined;
  const storing = (): pg.Pool => {
    if (!url) return pool;
    storePool ??= createPool(url, STORE_POOL_SIZE, (error) =>
      logger.warn({ err: error }, "inbox store connection lost while idle; a new one opens"),
    );
    return storePool;
  };

  let otherWork = () => 0;
  const free = () =>
    running ? Math.max(0, settings.maxInFlight - inFlight.size - otherWork()) : 0;

  const pump = async (): Promise<void> => {
    if (!running || handlers.size === 0) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        const want = Math.min(free(), CLAIM_BATCH);
        if (want === 0) break;
        // A quarter of what rows may have (the deliverer's share left out): with replies
        // holding most of it, a quarter of the whole would never come free.
        const quarter = Math.floor((settings.maxInFlight - otherWork()) / 4);
        if (saturated && want < Math.max(1, quarter)) break;
        const full = Date.now() - fullClaimAt >= settings.leaseMs;
        if (full) fullClaimAt = Date.now();
        heard = Number.POSITIVE_INFINITY;
        const { rows, next, chatsWaiting } = await claimRows(
          pool,
          [...handlers.keys()],
          owner,
          want,
          settings.leaseMs,
          full ? 0 : floor,
          [...new Set(held.values())],
        );
        floor = Math.min(next, heard);
        for (const row of rows) begin(row);
        saturated = rows.length === want;
        backlog = saturated || chatsWaiting;
        // A full batch: more may be claimable at once.
        if (saturated) pumpAgain = true;
      } while (pumpAgain && running);
    } catch (error) {
      logger.warn({ err: error }, "inbox claim failed; the sweep tries again");
    } finally {
      pumping = false;
    }
  };
  const kick = () => void pump();
  const kickIfBacklog = () => {
    if (backlog) kick();
  };

  const flush = () => {
    if (flushing) return;
    flushing = (async () => {
      while (finished.length > 0) {
        const ids = finished;
        finished = [];
        try {
          await finishRows(pool, ids);
        } catch (error) {
          // Not lost: the lease expires and the rows are handled again (their dedupe keys hold).
          logger.warn({ err: error, rows: ids.length }, "inbox rows could not be marked done");
        }
        for (const id of ids) held.delete(id);
      }
    })().finally(() => {
      flushing = undefined;
      // The chats of the rows just finished may have their next row waiting.
      kickIfBacklog();
    });
  };

  const begin = (row: InboxRow) => {
    const handler = handlers.get(row.source);
    if (!handler) return;
    held.set(row.id, row.chatKey);
    const work = handleRow(handler, row).finally(() => inFlight.delete(work));
    inFlight.add(work);
  };

  const handleRow = async (handler: RowHandler, row: InboxRow) => {
    try {
      const settled = await runForRow(row, () => handler.run(row.payload, row));
      if (settled) {
        held.delete(row.id);
        kickIfBacklog();
      } else {
        finished.push(row.id);
        flush();
      }
      return;
    } catch (error) {
      const passing = handler.retryable?.(error) ?? isTransientFailure(error);
      const retry = passing && Date.now() - row.createdAt.getTime() < settings.retryForMs;
      handler.onFailed?.(row, error, retry);
      const reason = error instanceof Error ? error.message : String(error);
      try {
        if (retry) {
          await retryRowLater(pool, row.id, backoffMs(row.attempts), reason);
          // Given back below where claims start: the sweep's claim must find it when due.
          lower(row.id);
        } else await abandonRow(pool, row.id, reason);
      } catch (recordError) {
        // The lease expires and the row is tried again: nothing is lost.
        logger.warn({ err: recordError, row: row.id }, "inbox row's failure not recorded");
      }
      held.delete(row.id);
      backlog = true;
      kick();
    }
  };

  // The leases of a process that died go back at once rather than when they run out.
  const reclaim = async () => {
    if (reclaiming || !running) return;
    reclaiming = true;
    try {
      const result = await reclaimer.sweep();
      if (result.owners.length > 0) {
        logger.warn(
          { owners: result.owners, inboxRows: result.inbox, outboxRows: result.outbox.length },
          "released the leases of a process that died",
        );
        // Its rows may lie below where this process's claims start.
        fullClaimAt = 0;
        floor = 0;
        backlog = true;
        kick();
        if (result.outbox.length > 0) outboxReleased(result.outbox);
      }
      if (result.recheckInMs !== undefined && !recheck) {
        recheck = setTimeout(() => {
          recheck = undefined;
          void reclaim();
        }, result.recheckInMs);
        recheck.unref();
      }
    } catch (error) {
      logger.warn({ err: error }, "dead processes' leases not looked for; the sweep tries again");
    } finally {
      reclaiming = false;
    }
  };

  return {
    owner,
    settings,
    handle(source, handler) {
      handlers.set(source, handler);
    },
    async store(source, updates, fence, cursor) {
      const result = await storeUpdates(storing(), {
        source,
        updates,
        fence,
        cursor,
        owner,
        takeMax: handlers.has(source) ? free() : 0,
        leaseMs: settings.leaseMs,
      });
      for (const row of result.taken) begin(row);
      if (result.lowestLeft !== undefined) {
        lower(result.lowestLeft);
        backlog = true;
      }
      return result;
    },
    currentFence: (key) => currentFence(storing(), key),
    async start() {
      if (running) return;
      running = true;
      // Held before any lease is taken: without it the others would take this process for dead.
      if (url) {
        liveness = holdLiveness(url, owner, logger);
        await liveness.ready;
      }
      sweep = setInterval(() => {
        void reclaim();
        // Expired leases of a crashed process are found only by looking; and whatever is
        // free is used at least this often, however little.
        backlog = true;
        saturated = false;
        kick();
      }, settings.sweepMs);
      sweep.unref();
      if (url)
        wakeup = listenForInbox(
          url,
          (source, lowest) => {
            if (source !== undefined && !handlers.has(source)) return;
            // No id (the listener was away, or an older process's NOTIFY): look at everything.
            lower(lowest ?? 0);
            backlog = true;
            kick();
          },
          logger,
        );
      await wakeup?.ready;
      await reclaim();
      await pump();
    },
    async stop() {
      const closing = storePool;
      storePool = undefined;
      if (!running) return await closing?.end();
      running = false;
      clearInterval(sweep);
      clearTimeout(recheck);
      await wakeup?.close();
      wakeup = undefined;
      await Promise.allSettled([...inFlight]);
      flush();
      await flushing;
      await closing?.end();
      // Last: until its rows are recorded, this process must not look dead.
      await liveness?.close();
      liveness = undefined;
    },
    shareCapacity(busy) {
      otherWork = busy;
      return { wake: kickIfBacklog };
    },
    onOutboxReleased(listener) {
      outboxReleased = listener;
    },
    isAlive: (other) => (tracksLiveness(other) ? isAlive(pool, other) : Promise.resolve(true)),
    async settled() {
      while (inFlight.size > 0 || flushing || finished.length > 0 || pumping) {
        await Promise.allSettled([...inFlight]);
        await flushing;
        if (pumping) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(Math.max(attempt - 1, 0), 7));
}
