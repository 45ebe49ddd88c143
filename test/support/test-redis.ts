import { randomBytes } from "node:crypto";
import { createRedis, type RedisClient } from "../../core/queue/index.js";

export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestRedis {
  redis: RedisClient;
  prefix: string;
  /** Deletes every key under this test's prefix and closes the connection. */
  cleanup(): Promise<void>;
}

/** A Redis connection with a key prefix of its own, so parallel tests never share queues. */
export function createTestRedis(): TestRedis {
  const redis = createRedis(testRedisUrl);
  const prefix = `navtest-${randomBytes(5).toString("hex")}`;
  return {
    redis,
    prefix,
    async cleanup() {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== "0");
      redis.disconnect();
    },
  };
}
