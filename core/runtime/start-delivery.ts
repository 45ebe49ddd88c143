import { z } from "zod";
import {
  type ChannelSender,
  DELIVERY_LEASE_MS,
  deliverChat,
  deliverLeasedRows,
  type DelivererDeps,
  type OutboundChannel,
  recordDeliveryFailure,
} from "../outbound/index.js";
import { createChatLock, createRateGate, outboxQueueName, startWorker } from "../queue/index.js";
import type { Core } from "./create-core.js";
import type { MaintenanceTask } from "./maintenance.js";

const outboxJobSchema = z.object({
  chatKey: z.string().min(1),
  channel: z.enum(["telegram", "vk", "relay"]),
});

export interface DeliveryOptions {
  concurrency?: number;
  /** How often lost deliveries are looked for. */
  sweepEveryMs?: number;
}

/**
 * Starts one outbox worker per channel that has a sender, and the sweeper that finds
 * rows whose queue job was lost. Returns a stopper.
 */
export async function startDelivery(
  core: Core,
  senders: Partial<Record<OutboundChannel, ChannelSender>>,
  options: DeliveryOptions = {},
): Promise<{
  close(): Promise<void>;
  /** Resolves when the deliveries this process started inline so far have finished. */
  settled(): Promise<void>;
  deps: DelivererDeps;
  sweepTask: MaintenanceTask;
}> {
  const setup = core.queueSetup;
  const deps: DelivererDeps = {
    db: core.db,
    clock: core.clock,
    senders,
    lock: createChatLock(core.redis, core.queuePrefix),
    gate: createRateGate(core.redis, core.queuePrefix),
    scheduleWake: (channel, chatKey, at) => core.dispatcher.scheduleWake(channel, chatKey, at),
    owner: core.inbox.owner,
    async onPermanentFailure(row, error) {
      core.logger.warn(
        { outboxId: row.id, chatKey: row.chatKey, code: error.code, err: error.message },
        "delivery failed for good",
      );
      const ids = await recordDeliveryFailure(core.db, core.clock, row, error, {
        relayEnabled: core.intake.settings.relayEnabled,
      });
      await core.dispatcher.dispatch(ids);
    },
    onDelivered: (row, result) => core.metrics.outbound.inc({ channel: row.channel, result }),
    onLeaseNotRenewed(row, error) {
      core.logger.warn(
        { err: error, outboxId: row.id, chatKey: row.chatKey },
        "delivery lease not renewed; tried again shortly",
      );
    },
    onOutcomeUnknown(row, why) {
      core.metrics.possibleDuplicateSends.inc({ channel: row.channel });
      core.logger.warn(
        { outboxId: row.id, chatKey: row.chatKey, why },
        "send outcome unknown; sent again (the recipient may see it twice)",
      );
    },
  };
  const channels = Object.keys(senders) as OutboundChannel[];
  const workers = channels.map((channel) =>
    startWorker(
      setup,
      outboxQueueName(channel),
      async (job) => {
        const data = outboxJobSchema.parse(job.data);
        await deliverChat(deps, data.channel, data.chatKey);
      },
      {
        concurrency: options.concurrency ?? 20,
        onFailed: (job, error) =>
          core.logger.error(
            { queue: outboxQueueName(channel), jobId: job?.id, err: error },
            "outbox job failed",
          ),
      },
    ),
  );
  const running = new Set<Promise<void>>();
  // Replies being sent here take room from the inbox: a decided reply goes out first.
  const inbox = core.inbox.shareCapacity(() => running.size);
  const track = (channel: OutboundChannel, chatKey: string, delivery: Promise<void>) => {
    const run = delivery.catch(async (error: unknown) => {
      core.logger.error({ chatKey, err: error }, "delivery failed here; handing it to the queue");
      await core.dispatcher
        .scheduleWake(channel, chatKey, core.clock.now())
        .catch((queueError: unknown) =>
          core.logger.error({ chatKey, err: queueError }, "queueing failed; the sweeper sends it"),
        );
    });
    running.add(run);
    void run.finally(() => {
      running.delete(run);
      inbox.wake();
    });
  };
  const leaseMs = deps.leaseMs ?? DELIVERY_LEASE_MS;
  core.dispatcher.deliverInline({
    handles: (channel) => channels.includes(channel),
    deliver: (channel, chatKey) => track(channel, chatKey, deliverChat(deps, channel, chatKey)),
    // A chat behind a shared rate gate is claimed once the gate lets its row through.
    leaseUntil: (channel) =>
      senders[channel] && !senders[channel].rateLimit
        ? { until: new Date(core.clock.now().getTime() + leaseMs), by: core.inbox.owner }
        : undefined,
    deliverLeased: (rows, more) => {
      const [first] = rows;
      if (first) track(first.channel, first.chatKey, deliverLeasedRows(deps, rows, more));
    },
  });
  // What an earlier process committed but never sent (it was killed, say) goes out now,
  // not at the first sweep; the rows' leases keep a live sibling's sends from doubling.
  const leftOver = await core.dispatcher.sweep(0);
  if (leftOver > 0)
    core.logger.info({ chats: leftOver }, "queued deliveries left by an earlier run");
  const sweepEvery = options.sweepEveryMs ?? 30_000;
  return {
    deps,
    sweepTask: {
      name: "outbox-sweep",
      everyMs: sweepEvery,
      async run() {
        const found = await core.dispatcher.sweep(sweepEvery);
        if (found > 0)
          core.logger.info({ chats: found }, "re-queued outbox deliveries that had lost their job");
      },
      async recoverAfterRedisLoss() {
        // Every queued delivery went with Redis: re-queue all pending rows, however new.
        const found = await core.dispatcher.sweep(0);
        core.logger.info(
          { chats: found },
          "outbox deliveries re-queued after Redis came back empty",
        );
      },
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async close() {
      core.dispatcher.deliverInline(undefined);
      core.inbox.shareCapacity(() => 0);
      await Promise.allSettled([...running]);
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
