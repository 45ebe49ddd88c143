import { queueNames, startWorker } from "../queue/index.js";
import type { Core } from "./create-core.js";

/** A periodic job (sweepers, digests): one registry, one worker, dispatched by name. */
export interface MaintenanceTask {
  name: string;
  /** Either a fixed interval or a cron pattern (in `timeZone`). */
  everyMs?: number;
  cron?: string;
  timeZone?: string;
  run(): Promise<void>;
  /** Runs at once when Redis comes back empty (its queued jobs and timers are gone). */
  recoverAfterRedisLoss?(): Promise<void>;
}

/**
 * Registers the tasks as BullMQ job schedulers (one per name, shared by all processes, so
 * a task runs once per period however many workers run) and starts the worker. The
 * schedulers live in Redis: when Redis restarts empty (it keeps nothing on disk here),
 * they are registered again and the recovery tasks run at once instead of never.
 */
export async function startMaintenance(
  core: Core,
  tasks: MaintenanceTask[],
): Promise<{ close(): Promise<void> }> {
  const queue = core.queues.get(queueNames.maintenance);
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const marker = `${core.queuePrefix}:maintenance:registered`;
  const register = async () => {
    for (const task of tasks) {
      const repeat = task.cron
        ? { pattern: task.cron, tz: task.timeZone }
        : { every: task.everyMs ?? 60_000 };
      await queue.upsertJobScheduler(task.name, repeat, { name: task.name, data: {} });
    }
    await core.redis.set(marker, String(Date.now()));
  };
  await register();
  const recover = async () => {
    if ((await core.redis.exists(marker)) === 1) return;
    core.logger.warn("Redis came back empty: re-registering schedules and re-queueing work");
    await register();
    for (const task of tasks) await task.recoverAfterRedisLoss?.();
    core.logger.info("work lost with Redis is queued again");
  };
  const onReady = () => {
    recover().catch((error: unknown) =>
      core.logger.error(
        { err: error },
        "recovery after a Redis restart failed; the sweepers retry",
      ),
    );
  };
  core.redis.on("ready", onReady);
  const worker = startWorker(
    core.queueSetup,
    queueNames.maintenance,
    async (job) => {
      const task = byName.get(job.name);
      if (!task) {
        core.logger.warn({ job: job.name }, "maintenance job without a registered task");
        return;
      }
      await task.run();
    },
    {
      concurrency: 1,
      onFailed: (job, error) =>
        core.logger.error({ job: job?.name, err: error }, "maintenance task failed"),
    },
  );
  return {
    async close() {
      core.redis.off("ready", onReady);
      await worker.close();
    },
  };
}
