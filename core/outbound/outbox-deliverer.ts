import { type Db, type Outbox, Prisma } from "../db/index.js";
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
  /**
   * A send whose outcome is unknown (the connection dropped mid-request, or a worker died
   * after the send began) is sent again: a rare duplicate is better than silence. This
   * hears about each such resend, so duplicates that may have happened are counted.
   */
  onOutcomeUnknown?(row: Outbox, why: string): void;
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
    // Pacing waits before the claim: a crash while waiting leaves the row pending.
    if (sender.pace) await sender.pace(chatKey.slice(chatKey.indexOf(":") + 1));
    const now = deps.clock.now();
    // A sender behind a shared rate gate is claimed only once the gate lets it through,
    // so a wait writes nothing; any other row is claimed by the read itself.
    const next = sender.lanes
      ? await claimNextInTurn(deps.db, chatKey, now, !sender.rateLimit)
      : await claimNext(deps.db, chatKey, now, !sender.rateLimit);
    if (!next) return;
    if (next.row.notBefore && next.row.notBefore > now) {
      await deps.scheduleWake(channel, chatKey, next.row.notBefore);
      return;
    }
    const result = await deliverRow(deps, sender, next.row, next.claimed, now);
    // Nothing else was pending at the claim: a row added since then was dispatched, found
    // the chat locked and left the dirty note that sends deliverChat round again.
    if (result === "stop" || !next.more) return;
  }
}

type Claimed = { row: Outbox; claimed: boolean; more: boolean };

/**
 * The chat's oldest unsent row, marked "sending" in the same statement when `mark`
 * (and it is due). The row comes back as it was before, so a "sending" status means an
 * earlier send began and its outcome is unknown; such a row counts one more attempt.
 */
async function claimNext(
  db: Db,
  chatKey: string,
  now: Date,
  mark: boolean,
): Promise<Claimed | null> {
  const picked = Prisma.sql`
    n AS (
      SELECT * FROM "Outbox"
      WHERE "chatKey" = ${chatKey} AND "status" IN ('pending', 'sending')
      ORDER BY "id" LIMIT 1 FOR UPDATE
    )`;
  const more = Prisma.sql`EXISTS (
      SELECT 1 FROM "Outbox" m
      WHERE m."chatKey" = ${chatKey} AND m."status" IN ('pending', 'sending') AND m."id" > n."id"
    )`;
  return claimPicked(db, picked, now, mark, more);
}

/**
 * As claimNext, for a chat whose rows take turns by lane (ChannelSender.lanes): among the
 * oldest unsent row of each lane, the due one whose lane had a row sent longest ago (or
 * never) is taken (lanes without a ticket keep no history: the staff's own texts go first);
 * a lane waiting for its notBefore holds back only itself. When no lane is due, the row due
 * soonest comes back unclaimed (the caller schedules a wake for it).
 */
async function claimNextInTurn(
  db: Db,
  chatKey: string,
  now: Date,
  mark: boolean,
): Promise<Claimed | null> {
  const picked = Prisma.sql`
    heads AS (
      SELECT DISTINCT ON (lane) "id", "ticketId", "notBefore", lane FROM (
        SELECT "id", "ticketId", "notBefore",
               COALESCE('t' || "ticketId", 'i' || ("payload"->>'incidentId'), 'g') AS lane
        FROM "Outbox"
        WHERE "chatKey" = ${chatKey} AND "status" IN ('pending', 'sending')
      ) p
      ORDER BY lane, "id"
    ), pick AS (
      SELECT h."id", (h."notBefore" IS NOT NULL AND h."notBefore" > ${now}) AS later
      FROM heads h
      ORDER BY later,
               CASE WHEN h."notBefore" > ${now} THEN h."notBefore" END,
               (SELECT max(s."sentAt") FROM "Outbox" s
                 WHERE s."ticketId" = h."ticketId" AND s."chatKey" = ${chatKey} AND s."status" = 'sent')
                 ASC NULLS FIRST,
               h."id"
      LIMIT 1
    ), n AS (
      SELECT o.* FROM "Outbox" o JOIN pick ON o."id" = pick."id" FOR UPDATE OF o
    )`;
  // The staff group's chat rarely runs dry between posts: ask again rather than count.
  return claimPicked(db, picked, now, mark, Prisma.sql`true`);
}

/**
 * The claim both pickers share: the row `n` (locked by `picked`) is marked "sending" when
 * `mark` and due, counting one more attempt when an earlier send began; `more` says whether
 * the chat has rows after it.
 */
async function claimPicked(
  db: Db,
  picked: Prisma.Sql,
  now: Date,
  mark: boolean,
  more: Prisma.Sql,
): Promise<Claimed | null> {
  const rows = await db.$queryRaw<(Outbox & { claimed: boolean; more: boolean })[]>`
    WITH ${picked}, u AS (
      UPDATE "Outbox" o
      SET "status" = 'sending',
          "attempts" = o."attempts" + CASE WHEN n."status" = 'sending' THEN 1 ELSE 0 END
      FROM n
      WHERE o."id" = n."id" AND ${mark} AND (n."notBefore" IS NULL OR n."notBefore" <= ${now})
      RETURNING o."id"
    )
    SELECT n.*, EXISTS (SELECT 1 FROM u) AS "claimed", ${more} AS "more" FROM n`;
  const found = rows[0];
  if (!found) return null;
  const { claimed, more: hasMore, ...row } = found;
  return { row, claimed, more: hasMore };
}

async function deliverRow(
  deps: DelivererDeps,
  sender: ChannelSender,
  row: Outbox,
  claimed: boolean,
  now: Date,
): Promise<"next" | "stop"> {
  if (row.status === "sending" && !sender.idempotent) {
    deps.onOutcomeUnknown?.(row, "an earlier send began and its outcome was never recorded");
    deps.onDelivered?.(row, "unconfirmed");
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
    if (wait > 0) {
      await deps.scheduleWake(
        row.channel as OutboundChannel,
        row.chatKey,
        new Date(now.getTime() + wait),
      );
      return "stop";
    }
  }
  if (!claimed) await deps.db.outbox.update({ where: { id: row.id }, data: { status: "sending" } });
  try {
    const result = await sender.send(item);
    // The message is out: if the database is away now, giving up would leave the row
    // "sending" and it would be sent again after a restart.
    await untilStored(() => recordSent(deps, row.id, result.externalMessageId ?? null));
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
    deps.onOutcomeUnknown?.(row, error.message);
    deps.onDelivered?.(row, "unconfirmed");
  } else {
    deps.onDelivered?.(row, "retry");
  }
  const delay =
    error.code === "RATE_LIMITED" && error.retryAfterMs
      ? error.retryAfterMs
      : backoffMs(row.attempts + 1);
  const at = new Date(now.getTime() + delay);
  await deps.db.outbox.update({
    where: { id: row.id },
    data: {
      status: "pending",
      attempts: { increment: 1 },
      errorCode: error.code,
      errorMessage: error.message.slice(0, 500),
      notBefore: at,
    },
  });
  await deps.scheduleWake(row.channel as OutboundChannel, row.chatKey, at);
  return "stop";
}

/** The row will never be sent. */
async function finish(
  deps: DelivererDeps,
  row: Outbox,
  data: { status: "failed"; errorCode: string; errorMessage: string },
): Promise<Outbox> {
  return deps.db.outbox.update({
    where: { id: row.id },
    // `attempts` counts the sends begun: this one (a crashed one was counted by the claim).
    data: { ...data, attempts: { increment: 1 }, sentAt: null },
  });
}

/**
 * The row is sent, and the message it carries learns its id in the channel: one statement
 * (a reply costs a round trip less than an update of each).
 */
async function recordSent(
  deps: DelivererDeps,
  id: number,
  externalMessageId: string | null,
): Promise<void> {
  // `attempts` counts the sends begun: this one (a crashed one was counted by the claim).
  await deps.db.$executeRaw`
    WITH o AS (
      UPDATE "Outbox"
      SET "status" = 'sent', "externalMessageId" = ${externalMessageId},
          "attempts" = "attempts" + 1, "sentAt" = ${deps.clock.now()}
      WHERE "id" = ${id}
      RETURNING "messageId"
    )
    UPDATE "Message" SET "externalMessageId" = ${externalMessageId}
    WHERE ${externalMessageId}::text IS NOT NULL AND "id" = (SELECT "messageId" FROM o)`;
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
