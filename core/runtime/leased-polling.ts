import type { IncomingUpdate } from "../inbox/index.js";
import type { Logger } from "../observability/index.js";
import { createPollerLease } from "../queue/index.js";
import type { Core } from "./create-core.js";

/** What a channel adapter gives the poll loop: how to fetch the next batch. */
export interface PollFetcher {
  /**
   * The next batch after `cursor` (undefined: where the messenger resumes by itself) and
   * the cursor after it. Must not confirm anything beyond `cursor` to the messenger.
   */
  fetch(
    cursor: string | undefined,
    signal: AbortSignal,
  ): Promise<{ updates: IncomingUpdate[]; next: string | undefined }>;
  /** A failure no retry can cure (a refused token): polling stops. */
  isFatal?(error: unknown): boolean;
}

export interface LeasedPollingOptions {
  /** The inbox source the updates are stored under (telegram, vk, relay). */
  source: string;
  /** Names the bot: the lease, the fence and the cursor are per bot (e.g. `telegram:<bot id>`). */
  pollerKey: string;
  fetcher: PollFetcher;
  logger: Logger;
  /** `retryInMs` undefined: polling stopped for good. */
  onPollFailed(error: unknown, retryInMs: number | undefined): void;
}

export interface LeasedPolling {
  /** False once polling stopped for good (the token was refused). */
  isRunning(): boolean;
  /** True while this process holds the lease and polls. */
  isPolling(): boolean;
  stop(): Promise<void>;
}

/**
 * Long polling by exactly one process per bot: every receiver runs this loop, but only
 * the holder of the Redis lease fetches; the others wait and take over within the lease
 * time when it dies. A fetched batch is stored in the inbox (one statement, fenced, with
 * the cursor) before the cursor moves on, so the next fetch confirms only what is stored
 * and nothing is handed out twice; processing is the inbox's business, in any process.
 */
export function startLeasedPolling(core: Core, options: LeasedPollingOptions): LeasedPolling {
  const leaseMs = core.pollerLeaseMs;
  const gatherMs = core.pollGatherMs;
  const lease = createPollerLease(core.redis, {
    prefix: core.queuePrefix,
    name: options.pollerKey,
    owner: core.inbox.owner,
    leaseMs,
  });
  const stopping = new AbortController();
  let running = true;
  let token: number | undefined;
  let term: AbortController | undefined;
  let cursor: string | undefined;
  // When the last fetch began and whether it brought anything (see the gather pause).
  let fetchedAt = 0;
  let gathering = false;

  const lose = (why: string) => {
    if (token === undefined) return;
    options.logger.warn({ poller: options.pollerKey, why }, "lost the polling lease; standing by");
    token = undefined;
    term?.abort();
  };

  const renewal = setInterval(() => {
    if (token === undefined) return;
    lease.renew().then(
      (state) => {
        if (state === "taken") lose("another process holds it now");
        // The loop asks for it again at once; the fence (kept in PostgreSQL) still grows.
        if (state === "gone") lose("it expired or Redis lost it (a restart?)");
      },
      // Redis away: keep polling; a newer poller's fence would refuse our batches anyway.
      (error: unknown) => options.logger.warn({ err: error }, "polling lease not renewed"),
    );
  }, leaseMs / 3);
  renewal.unref();

  // The poller died (its liveness lock is gone, see core/liveness): its lease is taken
  // now rather than when it runs out. The fence refuses whatever it might still store.
  const takeOverFromDead = async (): Promise<number | undefined> => {
    const holder = await lease.holder();
    if (!holder || holder === core.inbox.owner || (await core.inbox.isAlive(holder))) return;
    if (!(await lease.evict(holder))) return;
    options.logger.warn({ poller: options.pollerKey, holder }, "the poller died; taking over");
    return lease.acquire();
  };

  const acquire = async (): Promise<boolean> => {
    let acquired = (await lease.acquire()) ?? (await takeOverFromDead());
    if (acquired === undefined) return false;
    const stored = await core.inbox.currentFence(options.pollerKey);
    // Redis restarted empty and counts from 1 again: the fence must still grow.
    if (acquired <= stored.fence) acquired = await lease.raiseFence(stored.fence);
    token = acquired;
    cursor = stored.cursor;
    term = new AbortController();
    options.logger.info({ poller: options.pollerKey, fence: token }, "this process polls the bot");
    return true;
  };

  const loop = async () => {
    let failures = 0;
    while (running) {
      try {
        if (token === undefined && !(await acquire())) {
          // A standby asks again well within the lease, so a dead poller is replaced in time.
          await pause(Math.min(2_000, leaseMs / 3), stopping.signal);
          continue;
        }
      } catch (error) {
        options.onPollFailed(error, backoffMs(++failures));
        await pause(backoffMs(failures), stopping.signal);
        continue;
      }
      const held = token;
      const signal = AbortSignal.any([stopping.signal, (term ?? stopping).signal]);
      try {
        // Under load every fetch returns at once with the one or two updates that arrived
        // meanwhile, and each costs a request, its answer and an inbox statement. After a
        // batch, the next fetch waits until gatherMs after the last one began, so at most
        // 1000/gatherMs fetches a second carry what arrived in between; a quiet bot's long
        // poll outlasts gatherMs and waits for nothing.
        if (gathering) await pause(fetchedAt + gatherMs - performance.now(), signal);
        fetchedAt = performance.now();
        const batch = await options.fetcher.fetch(cursor, signal);
        gathering = gatherMs > 0 && batch.updates.length > 0;
        if (batch.updates.length > 0) {
          const stored = await core.inbox.store(
            options.source,
            batch.updates,
            { key: options.pollerKey, token: held ?? 0 },
            batch.next,
          );
          if (!stored.allowed) {
            lose("a newer poller's fence refused the batch");
            continue;
          }
        }
        // Only now: the next fetch confirms this batch to the messenger.
        if (token === held) cursor = batch.next;
        failures = 0;
      } catch (error) {
        if (!running || token !== held) continue;
        if (options.fetcher.isFatal?.(error)) {
          options.onPollFailed(error, undefined);
          running = false;
          break;
        }
        const wait = backoffMs(++failures);
        options.onPollFailed(error, wait);
        await pause(wait, stopping.signal);
      }
    }
    if (token !== undefined) {
      token = undefined;
      // A standby takes over at once instead of after the lease runs out.
      await lease.release().catch(() => undefined);
    }
  };

  const done = loop().catch((error: unknown) => {
    running = false;
    options.onPollFailed(error, undefined);
  });

  return {
    isRunning: () => running,
    isPolling: () => running && token !== undefined,
    async stop() {
      running = false;
      clearInterval(renewal);
      stopping.abort();
      await done;
    },
  };
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(attempt - 1, 7));
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
