import { randomUUID } from "node:crypto";
import type { Db } from "../db/index.js";
import { type JobQueues, outboxQueueName, safeJobId } from "../queue/index.js";
import type { Clock } from "../shared/index.js";
import type { OutboundChannel } from "./outbound-message.js";

/** This process's own deliverer, which can send a committed row at once. */
export interface InlineDelivery {
  handles(channel: OutboundChannel): boolean;
  /** Starts delivering the chat's pending rows; must not throw (it falls back to the queue). */
  deliver(channel: OutboundChannel, chatKey: string): void;
  /**
   * The lease a row of the channel may be written with, already held by this deliverer
   * (see LeasedRow): its end and holder; undefined when the channel's rows must be claimed
   * (a shared rate gate).
   */
  leaseUntil(channel: OutboundChannel): { until: Date; by: string } | undefined;
  /** Sends a chat's rows written leased to this process, then drains it if `more`; never throws. */
  deliverLeased(rows: LeasedRow[], more: boolean): void;
}

/**
 * A row its writer inserted already claimed ("sending" under a lease), because no older
 * row of its chat was unsent: this process sends it with no claim statement. A crash
 * leaves it like any claimed row: another deliverer takes it once the lease has run out.
 */
export interface LeasedRow {
  id: number;
  channel: OutboundChannel;
  chatKey: string;
  payload: unknown;
  ticketId: number | null;
  messageId: number | null;
  leaseUntil: Date;
}

/** A committed row as its writer knows it; `leased` when written claimed for this process. */
export interface DispatchRow {
  id: number;
  channel: string;
  chatKey: string;
  leased?: LeasedRow;
}

export interface OutboxDispatcher {
  /**
   * Starts delivery of committed outbox rows: in this process when its deliverer handles
   * the channel, through the queue otherwise (one job per row; duplicates are ignored).
   */
  dispatch(ids: number[]): Promise<void>;
  /** The same for rows whose channel and chat are known already (no read). */
  dispatchRows(rows: DispatchRow[]): Promise<void>;
  /** The lease a new row of the channel is written with, when this process sends it. */
  leaseUntil(channel: OutboundChannel): { until: Date; by: string } | undefined;
  /** Turns in-process delivery on (a deliverer) or off (undefined). */
  deliverInline(delivery: InlineDelivery | undefined): void;
  /** Queues a delivery run of one chat at a later moment. */
  scheduleWake(channel: OutboundChannel, chatKey: string, at: Date): Promise<void>;
  /** Re-queues rows whose job was lost (crash before queueing, Redis flushed). */
  sweep(olderThanMs: number): Promise<number>;
}

export interface OutboxJob {
  chatKey: string;
  channel: OutboundChannel;
}

export function createOutboxDispatcher(db: Db, queues: JobQueues, clock: Clock): OutboxDispatcher {
  const enqueue = async (channel: OutboundChannel, chatKey: string, jobId: string, delay = 0) => {
    const data: OutboxJob & Record<string, unknown> = { chatKey, channel };
    await queues.add(outboxQueueName(channel), "deliver", data, {
      jobId,
      delay: Math.max(0, delay),
    });
  };
  let inline: InlineDelivery | undefined;
  // Sending right here saves a queue round trip per reply; a row whose process dies first
  // is still pending in the outbox and the sweeper (and the next start) sends it.
  // One run per chat: it drains every committed row of the chat, so a second run started
  // for the same commit would only find the lock taken (and cost Redis round trips).
  // A chat's rows are leased all or none (see outboxCte): the run that sends the leased
  // ones drains the chat's others too. Without the deliverer here (it stopped), a queued
  // run finds the lease and comes back when it has run out.
  const dispatchRows = async (rows: DispatchRow[]) => {
    const started = rows.length > 1 ? new Set<string>() : undefined;
    for (const row of rows) {
      const channel = row.channel as OutboundChannel;
      if (inline?.handles(channel)) {
        if (started?.has(row.chatKey)) continue;
        started?.add(row.chatKey);
        if (!row.leased) {
          inline.deliver(channel, row.chatKey);
          continue;
        }
        const chat = rows.filter((r) => r.chatKey === row.chatKey);
        const leased = chat.flatMap((r) => (r.leased ? [r.leased] : []));
        inline.deliverLeased(leased, leased.length < chat.length);
      } else await enqueue(channel, row.chatKey, safeJobId("out", row.id));
    }
  };
  return {
    deliverInline(delivery) {
      inline = delivery;
    },
    leaseUntil: (channel) => (inline?.handles(channel) ? inline.leaseUntil(channel) : undefined),
    dispatchRows,
    async dispatch(ids) {
      if (ids.length === 0) return;
      await dispatchRows(
        await db.outbox.findMany({
          where: { id: { in: ids } },
          select: { id: true, channel: true, chatKey: true },
        }),
      );
    },
    async scheduleWake(channel, chatKey, at) {
      const delay = at.getTime() - clock.now().getTime();
      // A fresh id each time: a fixed one can collide with the wake job that is running
      // right now, and BullMQ would drop the new one. Extra wakes find the chat done.
      await enqueue(
        channel,
        chatKey,
        safeJobId("wake", chatKey, at.getTime(), randomUUID().slice(0, 8)),
        delay,
      );
    },
    async sweep(olderThanMs) {
      const cutoff = new Date(clock.now().getTime() - olderThanMs);
      const rows = await db.outbox.findMany({
        where: {
          status: { in: ["pending", "sending"] },
          createdAt: { lt: cutoff },
          OR: [{ notBefore: null }, { notBefore: { lt: cutoff } }],
        },
        distinct: ["chatKey"],
        orderBy: { id: "asc" },
        select: { id: true, channel: true, chatKey: true },
        take: 1000,
      });
      // One run per chat drains all of its rows; the job id is fresh so it is never ignored.
      for (const row of rows)
        await enqueue(
          row.channel as OutboundChannel,
          row.chatKey,
          safeJobId("sweep", row.chatKey, clock.now().getTime()),
        );
      return rows.length;
    },
  };
}
