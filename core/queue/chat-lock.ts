import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * One deliverer per chat at a time, across all worker processes, so messages to one chat
 * leave in order. The "dirty" flag tells the holder that more work arrived meanwhile.
 */
export interface ChatLock {
  acquire(key: string): Promise<(() => Promise<void>) | null>;
  markDirty(key: string): Promise<void>;
  takeDirty(key: string): Promise<boolean>;
}

const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export function createChatLock(redis: Redis, prefix: string, ttlMs = 60_000): ChatLock {
  const lockKey = (key: string) => `${prefix}:chat-lock:${key}`;
  const dirtyKey = (key: string) => `${prefix}:chat-dirty:${key}`;
  return {
    async acquire(key) {
      const token = randomUUID();
      const ok = await redis.set(lockKey(key), token, "PX", ttlMs, "NX");
      if (ok !== "OK") return null;
      return async () => {
        await redis.eval(releaseScript, 1, lockKey(key), token);
      };
    },
    async markDirty(key) {
      await redis.set(dirtyKey(key), "1", "PX", ttlMs);
    },
    async takeDirty(key) {
      return (await redis.getdel(dirtyKey(key))) !== null;
    },
  };
}
