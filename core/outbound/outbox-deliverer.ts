import type { Db, Outbox } from "../db/index.js";
import type { ChatLock, RateGate } from "../queue/index.js";
import { isTransientFailure, type Clock } from "../shared/index.js";
import type { ChannelSender, OutboxItem } from "./channel-sender.js";
import { DeliveryError, permanentCodes } from "./delivery-error.js";
import {
  parentOutboundSchema,
  relayOutboundSchema,
  type OutboundChannel,
} from "./outbound-message.js";

export interface DelivererDeps {
  db: Db;
  clock: Clock;
  senders: Partial<Record<OutboundChannel, ChannelSender>>;
  lock: ChatLock;
  gate: RateGate;
  /** Asks for another delivery run of the chat at `at` (rate limits, backoff). */
  scheduleWake(channel: OutboundChannel, chatKey: string, at: Date): Promise<void>;
  /** Core's reaction to a row that will never be delivered (mark blocked, tell agents). */
  onPermanentFailure(row: Outbox, error: DeliveryError): Promise<void>;
  onDelivered?(row: Outbox, outcome: "sent" | "unconfirmed" | "failed" | "retry"): void;
  /** A send whose outcome is unknown and will not be repeated: the agents should know. */
  onUnconfirmed?(row: Outbox): Promise<void>;
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Delivers everything pending for one chat, oldest first, holding the chat's lock so no
 * other worker interleaves. When the lock is taken, it leaves a note for the holder and
 * returns: the holder drains again before letting go, so nothing is stranded.
 */
export async function deliverChat(
  deps: DelivererDeps,
  channel: OutboundChannel,
  chatKey: string,
): Promise<void> {
  for (;;) {
    let release = await deps.lock.acquire(chatKey);
    if (!release) {
      await deps.lock.markDirty(chatKey);
      release = await deps.lock.acquire(chatKey);
      if (!release) return;
    }
    try {
      await drain(deps, channel, chatKey);
    } finally {
      await release();
    }
    if (!(await deps.lock.takeDirty(chatKey))) return;
  }
}

async function drain(
  deps: DelivererDeps,
  channel: OutboundChannel,
  chatKey: string,
): Promise<void> {
  const sender = deps.senders[channel];
  if (!sender) return;
  for (;;) {
    const row = await deps.db.outbox.findFirst({
      where: { chatKey, status: { in: ["pending", "sending"] } },
      orderBy: { id: "asc" },
    });
    if (!row) return;
    const now = deps.clock.now();
    if (row.notBefore && row.notBefore > now) {
      await deps.scheduleWake(channel, chatKey, row.notBefore);
      return;
    }
    const next = await deliverRow(deps, sender, row, now);
    if (next === "stop") return;
  }
}

async function deliverRow(
  deps: DelivererDeps,
  sender: ChannelSender,
  row: Outbox,
  now: Date,
): Promise<"next" | "stop"> {
  if (row.status === "sending" && !sender.idempotent) {
    // A worker died between sending and recording: resending could show the parent a
    // second copy, so the row is closed as "unconfirmed" instead.
    await finish(deps, row, {
      status: "sent",
      errorCode: "UNCONFIRMED",
      errorMessage: "worker stopped after the send began",
    });
    deps.onDelivered?.(row, "unconfirmed");
    await deps.onUnconfirmed?.(row);
    return "next";
  }
  const item = toItem(row);
  if (!item) {
    const failed = await finish(deps, row, {
      status: "failed",
      errorCode: "REJECTED",
      errorMessage: "the stored payload is not a valid message",
    });
    await deps.onPermanentFailure(
      failed,
      new DeliveryError("REJECTED", `Outbox row ${row.id} has an invalid payload`),
    );
    return "next";
  }
  if (sender.rateLimit) {
    const wait = await deps.gate.reserve(
      sender.rateLimit.key,
      await sender.rateLimit.cost(item),
      sender.rateLimit,
    );
    if (wait > 0) return postpone(deps, row, new Date(now.getTime() + wait));
  }
  await sender.pace?.(item);
  await deps.db.outbox.update({
    where: { id: row.id },
    data: { status: "sending", attempts: { increment: 1 } },
  });
  try {
    const result = await sender.send(item);
    // The message is out: if the database is away now, giving up would leave the row
    // "sending" and the agents would be told, wrongly, that delivery is unknown.
    await untilStored(() =>
      finish(deps, row, { status: "sent", externalMessageId: result.externalMessageId ?? null }),
    );
    deps.onDelivered?.(row, "sent");
    return "next";
  } catch (error) {
    return handleFailure(deps, sender, row, classify(error), now);
  }
}

async function handleFailure(
  deps: DelivererDeps,
  sender: ChannelSender,
  row: Outbox,
  error: DeliveryError,
  now: Date,
): Promise<"next" | "stop"> {
  if (
    permanentCodes.has(error.code) ||
    row.attempts + 1 >= (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)
  ) {
    const failed = await finish(deps, row, {
      status: "failed",
      errorCode: error.code,
      errorMessage: error.message.slice(0, 500),
    });
    deps.onDelivered?.(row, "failed");
    await deps.onPermanentFailure(failed, error);
    return "next";
  }
  if (error.code === "AMBIGUOUS" && !sender.idempotent) {
    await finish(deps, row, {
      status: "sent",
      errorCode: "UNCONFIRMED",
      errorMessage: error.message.slice(0, 500),
    });
    deps.onDelivered?.(row, "unconfirmed");
    await deps.onUnconfirmed?.(row);
    return "next";
  }
  const delay =
    error.code === "RATE_LIMITED" && error.retryAfterMs
      ? error.retryAfterMs
      : backoffMs(row.attempts + 1);
  await deps.db.outbox.update({
    where: { id: row.id },
    data: { status: "pending", errorCode: error.code, errorMessage: error.message.slice(0, 500) },
  });
  deps.onDelivered?.(row, "retry");
  return postpone(deps, row, new Date(now.getTime() + delay));
}

async function postpone(deps: DelivererDeps, row: Outbox, at: Date): Promise<"stop"> {
  await deps.db.outbox.update({ where: { id: row.id }, data: { notBefore: at } });
  await deps.scheduleWake(row.channel as OutboundChannel, row.chatKey, at);
  return "stop";
}

async function finish(
  deps: DelivererDeps,
  row: Outbox,
  data: {
    status: "sent" | "failed";
    externalMessageId?: string | null;
    errorCode?: string;
    errorMessage?: string;
  },
): Promise<Outbox> {
  const updated = await deps.db.outbox.update({
    where: { id: row.id },
    data: { ...data, sentAt: data.status === "sent" ? deps.clock.now() : null },
  });
  if (data.status === "sent" && data.externalMessageId && row.messageId) {
    await deps.db.message.update({
      where: { id: row.messageId },
      data: { externalMessageId: data.externalMessageId },
    });
  }
  return updated;
}

/** Retries a write that failed because PostgreSQL is briefly away (for about half a minute). */
async function untilStored<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isTransientFailure(error) || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
    }
  }
}

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

function classify(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  // An unexpected failure may have happened after the request left: treat it as unknown.
  return new DeliveryError(
    "AMBIGUOUS",
    error instanceof Error ? error.message : String(error),
    undefined,
    { cause: error },
  );
}

function toItem(row: Outbox): OutboxItem | null {
  const channel = row.channel as OutboundChannel;
  const schema = channel === "relay" ? relayOutboundSchema : parentOutboundSchema;
  const payload = schema.safeParse(row.payload);
  if (!payload.success) return null;
  return {
    id: row.id,
    channel,
    chatId: row.chatKey.slice(row.chatKey.indexOf(":") + 1),
    payload: payload.data,
    ticketId: row.ticketId,
    messageId: row.messageId,
    attempts: row.attempts,
  };
}
