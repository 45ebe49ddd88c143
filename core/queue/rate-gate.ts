import type { Redis } from "ioredis";

/**
 * A sliding-window limit shared by every process: at most `max` units per `windowMs`
 * for one key. `reserve` either takes the units now (returns 0) or says how long to wait.
 */
export interface RateGate {
  reserve(key: string, units: number, limit: { max: number; windowMs: number }): Promise<number>;
  /** How many units could be reserved now (nothing is taken). */
  room(key: string, limit: { max: number; windowMs: number }): Promise<number>;
}

// KEYS[1] = window zset; ARGV = now, windowMs, max
const roomScript = `
redis.call("zremrangebyscore", KEYS[1], "-inf", tonumber(ARGV[1]) - tonumber(ARGV[2]))
return math.max(0, tonumber(ARGV[3]) - redis.call("zcard", KEYS[1]))
`;

// KEYS[1] = window zset; ARGV = now, windowMs, max, units, unique member prefix
const reserveScript = `
local now = tonumber(ARGV[1]); local window = tonumber(ARGV[2])
local max = tonumber(ARGV[3]); local units = tonumber(ARGV[4])
redis.call("zremrangebyscore", KEYS[1], "-inf", now - window)
local used = redis.call("zcard", KEYS[1])
if used + units <= max then
  for i = 1, units do redis.call("zadd", KEYS[1], now, ARGV[5] .. ":" .. i) end
  redis.call("pexpire", KEYS[1], window)
  return 0
end
local need = used + units - max
local oldest = redis.call("zrange", KEYS[1], need - 1, need - 1, "WITHSCORES")
if oldest[2] == nil then return window end
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export function createRateGate(
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): RateGate {
  let counter = 0;
  return {
    async reserve(key, units, limit) {
      if (units > limit.max) units = limit.max;
      const member = `${process.pid}-${Date.now()}-${counter++}`;
      const wait = await redis.eval(
        reserveScript,
        1,
        `${prefix}:rate:${key}`,
        now(),
        limit.windowMs,
        limit.max,
        units,
        member,
      );
      return Number(wait);
    },
    async room(key, limit) {
      const left = await redis.eval(
        roomScript,
        1,
        `${prefix}:rate:${key}`,
        now(),
        limit.windowMs,
        limit.max,
      );
      return Number(left);
    },
  };
}
