import { Redis } from "ioredis";

export type RedisClient = Redis;

/**
 * A Redis connection as BullMQ workers need it (no per-request retry limit: a blocking
 * worker connection must wait through a Redis restart instead of failing jobs).
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}
