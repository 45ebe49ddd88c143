import { afterAll, beforeAll, expect, test } from "vitest";
import type { IncomingUpdate } from "../../core/inbox/index.js";
import { silentLogger } from "../../core/observability/index.js";
import { type Core, startLeasedPolling } from "../../core/runtime/index.js";
import { createTestRedis, type TestRedis } from "../support/test-redis.js";

/**
 * Under a steady stream of messages a long poll returns at once with every fetch, carrying
 * the one or two updates that arrived meanwhile: a getUpdates request and an inbox
 * statement per message or so. After a non-empty batch the poller waits until
 * POLL_GATHER_MS after the previous fetch began, so fetches stay at most 1000/gatherMs a
 * second whatever the rate; a fetch that brought nothing is followed at once. The fetcher
 * here always has one update ready (a stream faster than any fetch), or none; the inbox
 * stores instantly, so only the poll loop's own pacing shows. The lease is real (Redis).
 */
const GATHER_MS = 25;
const WINDOW_MS = 500;
let redis: TestRedis;
beforeAll(() => {
  redis = createTestRedis();
});
afterAll(async () => {
  await redis.cleanup();
});

async function fetchesIn(windowMs: number, gatherMs: number, ready: boolean): Promise<number> {
  let fetches = 0;
  let stored = 0;
  const core = {
    pollerLeaseMs: 6_000,
    pollGatherMs: gatherMs,
    redis: redis.redis,
    queuePrefix: redis.prefix,
    inbox: {
      owner: "test-process",
      currentFence: () => Promise.resolve({ fence: 0, cursor: undefined }),
      store: (_source: string, updates: IncomingUpdate[]) => {
        stored += updates.length;
        return Promise.resolve({ allowed: true });
      },
    },
  } as unknown as Core;
  let started = 0;
  const polling = startLeasedPolling(core, {
    source: "telegram",
    pollerKey: `telegram:gather-${gatherMs}-${String(ready)}`,
    logger: silentLogger(),
    onPollFailed: (error) => {
      throw error;
    },
    fetcher: {
      fetch: async (cursor) => {
        if (started === 0) started = performance.now();
        else fetches++;
        // An answer comes back over the network (a turn of the event loop); a long poll with
        // nothing to hand out would wait: a short pause keeps the count finite.
        await new Promise((resolve) => (ready ? setImmediate(resolve) : setTimeout(resolve, 1)));
        const n = Number(cursor ?? 0);
        const updates: IncomingUpdate[] = ready
          ? [{ dedupeKey: `u${n}`, chatKey: "telegram:1", payload: { update_id: n } }]
          : [];
        return { updates, next: String(n + updates.length) };
      },
    },
  });
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  await polling.stop();
  const elapsed = performance.now() - started;
  if (ready) expect(stored).toBeGreaterThan(0);
  return Math.round((fetches * windowMs) / elapsed);
}

test("a steady stream is fetched at most once per POLL_GATHER_MS", async () => {
  const gathered = await fetchesIn(WINDOW_MS, GATHER_MS, true);
  expect(gathered).toBeGreaterThan(WINDOW_MS / GATHER_MS / 2);
  expect(gathered).toBeLessThanOrEqual(WINDOW_MS / GATHER_MS + 1);
});

test("POLL_GATHER_MS 0 fetches again at once, and so does any setting after an empty fetch", async () => {
  const bound = WINDOW_MS / GATHER_MS + 1;
  expect(await fetchesIn(WINDOW_MS, 0, true)).toBeGreaterThan(bound * 2);
  expect(await fetchesIn(WINDOW_MS, GATHER_MS, false)).toBeGreaterThan(bound * 2);
});
