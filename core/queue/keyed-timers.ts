import type { JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";

/** A delayed job that fires at `at` (wall clock) under a deterministic id. */
export interface TimerJob {
  id: string;
  name: string;
  data: Record<string, unknown>;
  at: Date;
}

/**
 * Delayed jobs with at most one pending timer per owner (e.g. per ticket). A small Redis
 * hash remembers each owner's current job id, so replacing or dropping a timer needs no
 * scan of the delayed set. Losing Redis loses both; the owner of the timers re-puts them.
 */
export interface KeyedTimers {
  /**
   * Makes `timer` the pending timer of each owner (null: none), removing the one it
   * replaces. `fresh`: the owners are new and have no timer yet, so nothing is looked up:
   * one round trip adds the jobs, one records them.
   */
  put(
    entries: readonly { owner: string; timer: TimerJob | null }[],
    now: Date,
    options?: { fresh?: boolean },
  ): Promise<void>;
  /** The current timer id of each owner, in order (null: none recorded). */
  current(owners: readonly string[]): Promise<(string | null)[]>;
  /** Which of these job ids Redis does not hold (never added, fired, or lost). */
  missing(ids: readonly string[]): Promise<Set<string>>;
}

/**
 * Timers are retried a few times, then dropped (not kept as failed jobs, which would
 * block the id): the owner's sweeper puts a dropped timer back.
 */
export const timerJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

export function createKeyedTimers(queue: Queue, redis: Redis, prefix: string): KeyedTimers {
  const registry = `${prefix}:timers:${queue.name}`;
  return {
    async put(entries, now, options = {}) {
      if (entries.length === 0) return;
      const previous = options.fresh
        ? []
        : await redis.hmget(registry, ...entries.map((e) => e.owner));
      const replaced = entries.flatMap((e, i) => {
        const prev = previous[i];
        return prev && prev !== e.timer?.id ? [prev] : [];
      });
      // An active (locked) job is not removed: it finishes and re-checks its ticket anyway.
      await Promise.all(replaced.map((id) => queue.remove(id)));
      const jobs = entries.flatMap((e) =>
        e.timer
          ? [
              {
                name: e.timer.name,
                data: e.timer.data,
                // timestamp + delay is the moment BullMQ promotes the job: exactly `at`.
                opts: {
                  ...timerJobOptions,
                  jobId: e.timer.id,
                  timestamp: now.getTime(),
                  delay: Math.max(0, e.timer.at.getTime() - now.getTime()),
                },
              },
            ]
          : [],
      );
      // One timer (a new ticket's, a follow-up's) is one script call; addBulk wraps even one
      // in MULTI/EXEC, and every pipeline or MULTI on BullMQ's connection copies its few dozen
      // script commands onto itself first (ioredis), a cost per message on the hot path.
      const [only] = jobs;
      if (jobs.length === 1 && only) await queue.add(only.name, only.data, only.opts);
      else if (jobs.length > 1) await queue.addBulk(jobs);
      // One HSET and one HDEL for all owners instead of a pipeline (the same copying).
      const set = entries.flatMap((e) => (e.timer ? [[e.owner, e.timer.id] as const] : []));
      const dropped = entries.flatMap((e) => (e.timer ? [] : [e.owner]));
      await Promise.all([
        set.length > 0 ? redis.hset(registry, Object.fromEntries(set)) : undefined,
        dropped.length > 0 ? redis.hdel(registry, ...dropped) : undefined,
      ]);
    },
    async current(owners) {
      if (owners.length === 0) return [];
      return redis.hmget(registry, ...owners);
    },
    async missing(ids) {
      if (ids.length === 0) return new Set();
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.exists(queue.toKey(id));
      const results = (await pipeline.exec()) ?? [];
      return new Set(ids.filter((_, i) => results[i]?.[1] !== 1));
    },
  };
}
