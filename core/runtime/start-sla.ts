import { createKeyedTimers, queueNames, startWorker } from "../queue/index.js";
import {
  handleSlaTimer,
  postDailyDigest,
  rescheduleSlaTimers,
  scheduleKnownTimers,
  scheduleNewTicketTimers,
  type SlaDeps,
  slaSettingsFrom,
  SlaTimerEarlyError,
  sweepSlaTimers,
} from "../sla/index.js";
import type { Core } from "./create-core.js";
import type { MaintenanceTask } from "./maintenance.js";

export interface SlaOptions {
  /** Timers handled at once by this process. */
  concurrency?: number;
  /** How often the sweeper re-creates lost timers. */
  sweepEveryMs?: number;
  /** When the daily digest is posted, in DEFAULT_TIME_ZONE. */
  digestCron?: string;
  /**
   * Run the timers in this process (workers). A receiver-only process still schedules the
   * timers of the changes it commits, so nothing waits for the sweeper.
   */
  runTimers?: boolean;
}

/** The SLA engine's dependencies, taken from the core. */
export function createSlaDeps(core: Core): SlaDeps {
  return {
    db: core.db,
    clock: core.clock,
    i18n: core.i18n,
    policy: core.policy,
    logger: core.logger,
    metrics: core.metrics,
    settings: slaSettingsFrom(core.config),
    timers: createKeyedTimers(core.queues.get(queueNames.sla), core.redis, core.queuePrefix),
    afterCommit: (effects) => core.afterCommit(effects),
  };
}

/**
 * Starts the SLA engine in a worker process: every committed change reschedules the
 * timers of the tickets it touched, a BullMQ worker runs the timers that fire, and the
 * returned maintenance tasks sweep for lost timers every minute and post the 09:00 digest.
 */
export async function startSla(core: Core, options: SlaOptions = {}) {
  const deps = createSlaDeps(core);
  let running = true;
  core.onCommit(async (effects) => {
    if (!running || effects.ticketIds.length === 0) return;
    try {
      const fresh = effects.newTickets ?? [];
      const read = effects.knownTimers ?? [];
      const known = new Set([...fresh, ...read].map((t) => t.id));
      await scheduleNewTicketTimers(deps, fresh);
      await scheduleKnownTimers(deps, read);
      await rescheduleSlaTimers(
        deps,
        effects.ticketIds.filter((id) => !known.has(id)),
      );
    } catch (error) {
      // The change is committed; the sweeper puts the timers right within a minute.
      core.logger.error({ err: error, ticketIds: effects.ticketIds }, "SLA reschedule failed");
    }
  });
  const worker =
    (options.runTimers ?? true)
      ? startWorker(
          core.queueSetup,
          queueNames.sla,
          async (job) => {
            await handleSlaTimer(deps, job.data);
          },
          {
            concurrency: options.concurrency ?? 10,
            onFailed: (job, error) =>
              error instanceof SlaTimerEarlyError
                ? core.logger.info({ jobId: job?.id }, error.message)
                : core.logger.error({ jobId: job?.id, err: error }, "SLA timer failed"),
          },
        )
      : undefined;
  const tasks: MaintenanceTask[] = [
    {
      name: "sla-sweep",
      everyMs: options.sweepEveryMs ?? 60_000,
      async run() {
        const result = await sweepSlaTimers(deps);
        if (result.repaired > 0) core.logger.info(result, "SLA timers repaired by the sweeper");
      },
      async recoverAfterRedisLoss() {
        const result = await sweepSlaTimers(deps);
        core.logger.info(result, "SLA timers re-created after Redis came back empty");
      },
    },
    {
      name: "sla-digest",
      cron: options.digestCron ?? "0 9 * * *",
      timeZone: core.config.defaultTimeZone,
      async run() {
        await postDailyDigest(deps);
      },
    },
  ];
  return {
    deps,
    tasks,
    /** Runs the sweeper once now (tests, start-up checks). */
    sweep: () => sweepSlaTimers(deps),
    async close() {
      running = false;
      await worker?.close();
    },
  };
}

export type RunningSla = Awaited<ReturnType<typeof startSla>>;
