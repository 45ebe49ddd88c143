import type { Redis } from "ioredis";

/**
 * A sliding-window limit shared by every process: at most `max` units per `windowMs`
 * for one key. `reserve` either takes the units now (returns 0) or says how long to wait.
 */
export interface RateGate {
  reserve(key: string, units: number, limit: { max: number; windowMs: number }): Promise<number>;
  /** How many units could be reserved now (nothing is taken). */
  room(key: string, limit: { max: number; windowMs: number }): Promise<number>;
  /**
   * Until when (epoch ms) this process knows the gate stays shut: its last refused
   * reservation said how long to wait, and since units leave the window at fixed times and
   * others' reservations only add, it cannot open sooner. 0 when not known shut. No Redis.
   */
  shutUntil(key: string): number;
}

// KEYS[1] = window zset; ARGV = now, windowMs, max
const roomScript = `
redis.call("zremrangebyscore", KEYS[1], "-inf", tonumber(ARGV[1]) - tonumber(ARGV[2]))
return math.max(0, tonumber(ARGV[3]) - redis.call("zcard", KEYS[1]))
`;

// KEYS[1] = window zset; ARGV = now, windowMs, max, units, unique member prefix. 0 when
// taken, else {wait for these units, wait for one unit} in ms.
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
local function waitFor(n)
  if used + n <= max then return 0 end
  local oldest = redis.call("zrange", KEYS[1], used + n - max - 1, used + n - max - 1, "WITHSCORES")
  if oldest[2] == nil then return window end
  return math.max(1, tonumber(oldest[2]) + window - now)
end
-- The wait for these units, and for a single one (when the gate opens at all).
return {waitFor(units), waitFor(1)}
`;

export function createRateGate(
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): RateGate {
  let counter = 0;
  const shut = new Map<string, number>();
  return {
    shutUntil(key) {
      const until = shut.get(key) ?? 0;
      if (until > now()) return until;
      shut.delete(key);
      return 0;
    },
    async reserve(key, units, limit) {
      if (units > limit.max) units = limit.max;
      const member = `${process.pid}-${Date.now()}-${counter++}`;
      const answer = await redis.eval(
        reserveScript,
        1,
        `${prefix}:rate:${key}`,
        now(),
        limit.windowMs,
        limit.max,
        units,
        member,
      );
      if (answer === 0) return 0;
      const [wait, single] = (answer as [number, number]).map(Number) as [number, number];
      // When even one unit (the fewest any post takes) must wait, the gate is shut till then.
      if (single > 0) shut.set(key, now() + single);
      return wait;
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
