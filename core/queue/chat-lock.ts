import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * One deliverer per chat at a time, across all worker processes, so messages to one chat
 * leave in order. The "dirty" flag tells the holder that more work arrived meanwhile.
 */
export interface ChatLock {
  /**
   * The lock, or null when another holds it. Releasing it takes the dirty note in the same
   * command (unless `keepNote`: a failed run leaves it to the next one) and says whether
   * there was one (more work arrived while it was held).
   */
  acquire(key: string): Promise<((keepNote?: boolean) => Promise<boolean>) | null>;
  markDirty(key: string): Promise<void>;
}

// KEYS[1] = lock, KEYS[2] = dirty note; ARGV[1] = the holder's token, ARGV[2] = "1" to take
// the note. Lets go (if still the holder), then takes the note: one round trip per
// delivery run instead of two.
const releaseScript = `
if redis.call("get", KEYS[1]) == ARGV[1] then redis.call("del", KEYS[1]) end
if ARGV[2] == "1" and redis.call("getdel", KEYS[2]) then return 1 end
return 0`;

export function createChatLock(redis: Redis, prefix: string, ttlMs = 60_000): ChatLock {
  const lockKey = (key: string) => `${prefix}:chat-lock:${key}`;
  const dirtyKey = (key: string) => `${prefix}:chat-dirty:${key}`;
  return {
    async acquire(key) {
      const token = randomUUID();
      const ok = await redis.set(lockKey(key), token, "PX", ttlMs, "NX");
      if (ok !== "OK") return null;
      return async (keepNote = false) =>
        (await redis.eval(
          releaseScript,
          2,
          lockKey(key),
          dirtyKey(key),
          token,
          keepNote ? "0" : "1",
        )) === 1;
    },
    async markDirty(key) {
      await redis.set(dirtyKey(key), "1", "PX", ttlMs);
    },
  };
}
