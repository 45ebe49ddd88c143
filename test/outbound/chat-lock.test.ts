import { afterAll, expect, test } from "vitest";
import { createChatLock } from "../../core/queue/index.js";
import { createTestRedis } from "../support/test-redis.js";

/** The chat lock under the deliverer: one holder, and the note left while it held the lock. */
const r = createTestRedis();
afterAll(async () => r.cleanup());

test("one holder at a time; releasing says whether a note was left, and takes it", async () => {
  const lock = createChatLock(r.redis, r.prefix);
  const release = await lock.acquire("telegram:1");
  expect(release).not.toBeNull();
  expect(await lock.acquire("telegram:1")).toBeNull();
  await lock.markDirty("telegram:1");
  expect(await release?.()).toBe(true);
  // Released, and the note is gone: the next run finds none.
  const next = await lock.acquire("telegram:1");
  expect(await next?.()).toBe(false);
});

test("a failed run keeps the note for the next one; a stale holder never frees another's lock", async () => {
  const lock = createChatLock(r.redis, r.prefix);
  const stale = await lock.acquire("telegram:2");
  await lock.markDirty("telegram:2");
  expect(await stale?.(true)).toBe(false);
  const next = await lock.acquire("telegram:2");
  expect(await next?.()).toBe(true);
  // The lock expires under a slow holder (its key is gone) and another takes it: the old
  // release leaves the new holder's lock alone.
  const slow = await lock.acquire("telegram:3");
  await r.redis.del(`${r.prefix}:chat-lock:telegram:3`);
  const other = await lock.acquire("telegram:3");
  expect(other).not.toBeNull();
  await slow?.();
  expect(await lock.acquire("telegram:3")).toBeNull();
});
