import type { Config } from "../../core/config/index.js";
import { inTransaction } from "../../core/db/index.js";
import type { RelayOutbound } from "../../core/outbound/index.js";
import { queueNames, type RedisClient } from "../../core/queue/index.js";
import type { Core } from "../../core/runtime/index.js";
import type { Clock } from "../../core/shared/index.js";
import type { SlaDeps } from "../../core/sla/index.js";
import { loadTimerStates, timerColumns, timerJobFor } from "../../core/sla/sla-timers.js";
import { addMessage } from "../../core/tickets/add-message.js";
import { applyTicketEvent } from "../../core/tickets/apply-ticket-event.js";
import type { TicketEvent } from "../../core/tickets/ticket-state.js";
import type { InboundMessage } from "../../core/tickets/inbound-message.js";

/** The staff relay as configured in production, so relay rows are written. */
export const relayOn: NonNullable<Config["relay"]> = {
  token: "1:relay",
  apiRoot: "http://127.0.0.1:1",
  chatId: "-1001234567890",
  supervisorChatId: "-100999",
  showAgentName: false,
  groupMessagesPerMinute: 20,
};

/**
 * Real time moved by a settable offset: BullMQ delays are real, so tests shift the
 * clock into the past to open a ticket "45 seconds ago", then set the offset back to 0.
 */
export function shiftedClock(offsetMs = 0): Clock & { offset: number } {
  const clock = {
    offset: offsetMs,
    now: () => new Date(Date.now() + clock.offset),
  };
  return clock;
}

let events = 0;
export function parentMessage(
  userId: string,
  text = "Не могу записать ребёнка на кружок",
): InboundMessage {
  const key = `tg:sla:${userId}:${++events}`;
  return {
    channel: "telegram",
    externalUserId: userId,
    chatId: userId,
    eventKeys: [key],
    externalMessageId: key,
    text,
    attachments: [],
    profile: { displayName: "Родитель", languageCode: "ru" },
  };
}

/** An agent's action as the staff module applies it: the event, then the committed effects. */
export async function staffEvent(
  core: Core,
  ticketId: number,
  event: TicketEvent,
  text = "Ответ специалиста",
): Promise<void> {
  await inTransaction(core.db, async (tx) => {
    const now = core.clock.now();
    if (event === "agent_reply")
      await addMessage(tx, { ticketId, direction: "agent", text, at: now });
    await applyTicketEvent(tx, ticketId, event, {
      now,
      policy: core.policy,
      reopenWindowHours: core.config.tickets.reopenWindowHours,
    });
  });
  await core.afterCommit({ outboxIds: [], ticketIds: [ticketId] });
}

/** Polls until `probe` returns something truthy. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The labels of the SLA events a ticket has, in order. */
export async function slaLabels(core: Core, ticketId: number): Promise<string[]> {
  const rows = await core.db.slaEvent.findMany({ where: { ticketId }, orderBy: { id: "asc" } });
  return rows.map((r) => r.key.split("-")[0] ?? r.key);
}

export async function relayPayloads(core: Core, ticketId: number): Promise<RelayOutbound[]> {
  const rows = await core.db.outbox.findMany({
    where: { ticketId, channel: "relay" },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.payload as RelayOutbound);
}

export async function parentTexts(core: Core, ticketId: number): Promise<string[]> {
  const rows = await core.db.outbox.findMany({
    where: { ticketId, channel: { not: "relay" } },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((r) => {
    const payload = r.payload as { type: string; text?: string };
    return payload.type === "text" && payload.text ? [payload.text] : [];
  });
}

/** The SLA timer jobs Redis holds (waiting to fire or due), by id. */
export async function timerJobs(core: Core): Promise<{ id: string; at: number }[]> {
  const jobs = await core.queues.get(queueNames.sla).getJobs(["delayed", "waiting", "prioritized"]);
  return jobs.flatMap((j) => (j?.id ? [{ id: j.id, at: j.timestamp + (j.delay ?? 0) }] : []));
}

/** A Redis loss, as far as the timers go: every key of the SLA queue and its registry. */
export async function flushTimerKeys(redis: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for (const pattern of [`${prefix}:${queueNames.sla}:*`, `${prefix}:timers:${queueNames.sla}`]) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  }
  return deleted;
}

/**
 * Moves the shifted clock to the moment the ticket's pending SLA timer is due and lets
 * BullMQ run it now (the job is promoted out of its real-time delay), so a one-minute SLA
 * is walked through in milliseconds by the real worker. Returns the timer's label.
 */
export async function fastForwardToNextTimer(
  core: Core,
  deps: SlaDeps,
  clock: { offset: number },
  ticketId: number,
): Promise<string> {
  const ticket = await core.db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: timerColumns,
  });
  const states = await loadTimerStates(core.db, deps, [ticket]);
  const job = timerJobFor(ticketId, states.get(ticketId), core.clock.now());
  if (!job) throw new Error(`ticket ${ticketId} has no pending timer`);
  const ahead = job.at.getTime() - core.clock.now().getTime();
  if (ahead > 0) clock.offset += ahead + 5;
  const queued = await waitFor(
    () => core.queues.get(queueNames.sla).getJob(job.id),
    5_000,
    `the timer job ${job.id}`,
  );
  if (await queued.isDelayed()) await queued.promote();
  return String(job.data.label);
}
