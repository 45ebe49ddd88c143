import type { Db, Outbox } from "../db/index.js";
import type { ChatLock, RateGate } from "../queue/index.js";
import { isTransientFailure, type Clock } from "../shared/index.js";
import type { ChannelSender, OutboxItem } from "./channel-sender.js";
import type { LeasedRow } from "./outbox-dispatcher.js";
import { DeliveryError, permanentCodes } from "./delivery-error.js";
import {
  claimReadRow,
  claimRow,
  DELIVERY_LEASE_MS,
  isLeased,
  recordSentRow,
  releaseLeases,
  renewLease,
  renewWrittenLease,
} from "./outbox-sql.js";
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
  /** A lease renewal that failed (PostgreSQL away); the next tick tries again. */
  onLeaseNotRenewed?(row: Outbox, error: unknown): void;
  maxAttempts?: number;
  /** How long a claim holds a row without renewal (DELIVERY_LEASE_MS; tests shorten it). */
  leaseMs?: number;
  /** Who this deliverer is in the rows' `leasedBy` (see core/liveness); none: never released early. */
  owner?: string;
}

const DEFAULT_MAX_ATTEMPTS = 8;

/** The wake each chat has queued for its shut gate's opening, per deliverer (process). */
const wakesAtOpening = new WeakMap<DelivererDeps, Map<string, number>>();

/**
 * Delivers everything pending for one chat, oldest first. The claim takes only the chat's
 * oldest unsent row and never one under another deliverer's live lease, so no two
 * deliverers send in one chat at once: one that finds the chat busy leaves a note on the
 * row in flight (`recheck`) and returns, and the row's deliverer drains again after
 * recording it, so nothing is stranded. A sender behind a shared rate gate (the staff
 * group) also holds the chat's lock in Redis: deliverers that all read the same head and
 * each reserve budget for it would waste the group's budget.
 */
export async function deliverChat(
  deps: DelivererDeps,
  channel: OutboundChannel,
  chatKey: string,
): Promise<void> {
  const rateLimit = deps.senders[channel]?.rateLimit;
  if (!rateLimit) {
    await drain(deps, channel, chatKey);
    return;
  }
  // The gate is known shut (a backlog waits for the group's budget, 20 posts a minute):
  // come back when it opens, without the lock and the claim. The claim reads every lane's
  // head, so it costs PostgreSQL the more the longer the backlog, and each new row of the
  // chat starts a run.
  const shutUntil = deps.gate.shutUntil(rateLimit.key);
  if (shutUntil > 0) {
    // One wake at the opening per chat from this process is enough: the run it starts
    // drains the chat. Each new row would otherwise queue a wake job of its own.
    const queued = wakesAtOpening.get(deps) ?? new Map<string, number>();
    wakesAtOpening.set(deps, queued);
    if (queued.get(chatKey) === shutUntil) return;
    await deps.scheduleWake(channel, chatKey, new Date(shutUntil));
    queued.set(chatKey, shutUntil);
    return;
  }
  // Taken when the lock is taken: the holder finds the note as it lets go and drains again.
  for (;;) {
    let release = await deps.lock.acquire(chatKey);
    if (!release) {
      await deps.lock.markDirty(chatKey);
      release = await deps.lock.acquire(chatKey);
      if (!release) return;
    }
    try {
      await drain(deps, channel, chatKey);
    } catch (error) {
      await release(true);
      throw error;
    }
    if (!(await release())) return;
  }
}

/**
 * Sends a chat's rows its writer inserted already claimed for this process (see
 * LeasedRow), in order, with no claim statement, then delivers the chat as deliverChat
 * does when rows came after them (`more`, or the `recheck` note of a deliverer that found
 * the chat busy meanwhile). Only for a chat without a shared rate gate: those rows are
 * never written leased.
 */
export async function deliverLeasedRows(
  deps: DelivererDeps,
  rows: LeasedRow[],
  more: boolean,
): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const { channel, chatKey } = first;
  const sender = deps.senders[channel];
  let again = more;
  if (!sender || sender.rateLimit) {
    await deliverChat(deps, channel, chatKey);
    return;
  }
  for (const [i, leased] of rows.entries()) {
    // Sends before it (or a stall) used up a third of the row's lease: renewed first, as
    // long as it is still the lease written, else another deliverer took the row.
    let row = asOutboxRow(leased, deps.clock.now());
    const left = leased.leaseUntil.getTime() - deps.clock.now().getTime();
    if (left < leaseOf(deps) * (2 / 3)) {
      const now = deps.clock.now();
      const until = await renewWrittenLease(
        deps.db,
        leased.id,
        leased.leaseUntil,
        now,
        leaseOf(deps),
      );
      if (!until) {
        await releaseLeases(deps.db, rows.slice(i + 1));
        again = true;
        break;
      }
      row = { ...row, leaseUntil: until };
    }
    if (sender.pace) {
      // The chat's pacing waits with the row leased: the lease is kept alive meanwhile.
      const renewal = keepLease(deps, row);
      try {
        await sender.pace(chatKey.slice(chatKey.indexOf(":") + 1));
      } finally {
        renewal.stop();
      }
    }
    const result = await deliverRow(deps, sender, row, true, deps.clock.now(), true);
    if (result === "stop") {
      // The row waits for a retry (or failed for good): the rows after it are given back
      // unsent, so the chat's order holds and no one takes them for sends that began.
      await releaseLeases(deps.db, rows.slice(i + 1));
      return;
    }
    if (result === "again") again = true;
  }
  if (again) await drain(deps, channel, chatKey);
}

/** A leased row as the claim would have returned it: no send of it began. */
function asOutboxRow(leased: LeasedRow, now: Date): Outbox {
  return {
    ...leased,
    status: "sending",
    attempts: 0,
    dedupeKey: null,
    externalMessageId: null,
    errorCode: null,
    errorMessage: null,
    notBefore: null,
    createdAt: now,
    sentAt: null,
    recheck: false,
    leasedBy: null,
    payload: leased.payload as Outbox["payload"],
  };
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
    const next = await claimRow(
      deps.db,
      chatKey,
      now,
      !sender.rateLimit,
      !!sender.lanes,
      leaseOf(deps),
      deps.owner ?? null,
    );
    if (!next) return;
    // Another deliverer is sending in this chat (a parent's chat has no lock; the staff
    // group's was lost under it). The claim left it the note to come round again; this
    // one comes back when its lease ends too, so a claimer that died still has its row sent.
    if (!next.claimed && isLeased(next.row, now)) {
      await deps.scheduleWake(channel, chatKey, next.row.leaseUntil);
      return;
    }
    if (next.row.notBefore && next.row.notBefore > now) {
      await deps.scheduleWake(channel, chatKey, next.row.notBefore);
      return;
    }
    const result = await deliverRow(deps, sender, next.row, next.claimed, now);
    // Nothing else was pending at the claim: a row added since then was dispatched, found
    // the chat busy and left the note (`recheck`, or the lock's dirty note) that sends
    // this deliverer round again.
    if (result === "stop" || (result === "next" && !next.more)) return;
  }
}

async function deliverRow(
  deps: DelivererDeps,
  sender: ChannelSender,
  row: Outbox,
  claimed: boolean,
  now: Date,
  /** Written leased: "sending" since its insert, no send of it began before this one. */
  fresh = false,
): Promise<"next" | "again" | "stop"> {
  if (row.status === "sending" && !fresh && !sender.idempotent) {
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
  if (!claimed) {
    const taken = await claimReadRow(deps.db, row.id, now, leaseOf(deps), deps.owner ?? null);
    if (!taken.claimed) {
      if (taken.status !== "sending" || !taken.leaseUntil) return "next";
      await deps.scheduleWake(row.channel as OutboundChannel, row.chatKey, taken.leaseUntil);
      return "stop";
    }
  }
  // Renewed until the outcome is written: a send recorded late (PostgreSQL away) must not
  // look abandoned meanwhile.
  const renewal = keepLease(deps, row);
  try {
    const result = await sender.send(item);
    // The message is out: if the database is away now, giving up would leave the row
    // "sending" and it would be sent again after a restart.
    const recorded = await untilStored(() =>
      recordSentRow(deps.db, row.id, result.externalMessageId ?? null, deps.clock.now()),
    );
    deps.onDelivered?.(row, "sent");
    return recorded.recheck ? "again" : "next";
  } catch (error) {
    return await handleFailure(deps, sender, row, classify(error), now);
  } finally {
    renewal.stop();
  }
}

const leaseOf = (deps: DelivererDeps) => deps.leaseMs ?? DELIVERY_LEASE_MS;

/**
 * Renews the row's lease every third of it while the send is in flight (a send that takes
 * longer than the lease must not look abandoned). A failed renewal is retried at the next
 * tick; only a stall past the whole lease lets another deliverer send the row again.
 */
function keepLease(deps: DelivererDeps, row: Outbox): { stop(): void } {
  const leaseMs = leaseOf(deps);
  const timer = setInterval(() => {
    renewLease(deps.db, row.id, deps.clock.now(), leaseMs).catch((error: unknown) =>
      deps.onLeaseNotRenewed?.(row, error),
    );
  }, leaseMs / 3);
  timer.unref();
  return { stop: () => clearInterval(timer) };
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
