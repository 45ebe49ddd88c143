import type { Redis } from "ioredis";

/**
 * The right to long-poll one bot, held by one process at a time: a Redis key taken with
 * SET NX PX and renewed while the poller lives, and a fencing token (INCR) that grows with
 * every new holder. The token goes with every batch the poller stores, and PostgreSQL
 * refuses a batch whose token is older than the newest one seen, so a poller that lost
 * its lease without noticing (a long pause) can neither store nor confirm updates.
 */
export interface PollerLease {
  /** Tries to become the poller; the fencing token when it did, undefined otherwise. */
  acquire(): Promise<number | undefined>;
  /**
   * Extends the lease: "held" while it is this process's, "taken" once another process
   * holds it, "gone" when nobody does (it expired, or Redis restarted empty); throws when
   * Redis cannot be asked (the caller keeps polling: the fence guards).
   */
  renew(): Promise<"held" | "taken" | "gone">;
  /** A token above `floor` (after Redis lost its counter while PostgreSQL kept a higher fence). */
  raiseFence(floor: number): Promise<number>;
  /** Gives the lease up, so a standby takes over at once (graceful stop). */
  release(): Promise<void>;
  /** Who holds the lease now (an owner id), or undefined. */
  holder(): Promise<string | undefined>;
  /**
   * Deletes the lease when `holder` still holds it (a holder known to be dead), so the next
   * acquire takes it at once instead of when it runs out. Says whether it was deleted.
   */
  evict(holder: string): Promise<boolean>;
}

const renewScript = `local holder = redis.call("get", KEYS[1])
if holder == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end
if holder then return 0 end
return -1`;
const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export function createPollerLease(
  redis: Redis,
  options: { prefix: string; name: string; owner: string; leaseMs: number },
): PollerLease {
  const key = `${options.prefix}:poller:${options.name}`;
  const fenceKey = `${key}:fence`;
  return {
    async acquire() {
      const ok = await redis.set(key, options.owner, "PX", options.leaseMs, "NX");
      if (ok !== "OK") return undefined;
      return redis.incr(fenceKey);
    },
    async renew() {
      const renewed = await redis.eval(renewScript, 1, key, options.owner, options.leaseMs);
      return renewed === 1 ? "held" : renewed === 0 ? "taken" : "gone";
    },
    async raiseFence(floor) {
      const token = await redis.incr(fenceKey);
      return token > floor ? token : redis.incrby(fenceKey, floor - token + 1);
    },
    async release() {
      await redis.eval(releaseScript, 1, key, options.owner);
    },
    async holder() {
      return (await redis.get(key)) ?? undefined;
    },
    async evict(holder) {
      return (await redis.eval(releaseScript, 1, key, holder)) === 1;
    },
  };
}
