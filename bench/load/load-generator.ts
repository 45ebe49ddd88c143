import { setTimeout as sleep } from "node:timers/promises";
import type { Injected } from "../../test/support/fake-telegram/index.js";
import type { MessageMix } from "./message-mix.js";
import type { ParentPool } from "./parent-pool.js";
import type { ReplyTracker, TrackedMessage } from "./reply-tracker.js";

/** Hands out seq numbers for one run: texts end in their seq, so they never repeat. */
export class SeqSource {
  private value = 0;
  next(): number {
    this.value += 1;
    return this.value;
  }
}

export interface LoadRun {
  token: string;
  pool: ParentPool;
  tracker: ReplyTracker;
  mix: MessageMix;
  seq: SeqSource;
  /** Messages per second. */
  rate: number;
  /** Stop after this long (ms); omit to run until `signal` aborts. */
  durationMs?: number;
  signal?: AbortSignal;
  /** The phase label of each message, read at send time (drills switch it while running). */
  phase: () => string;
  /** Called right after each message is queued (the duplicate-delivery drill hooks in here). */
  onPushed?: (injected: Injected, message: TrackedMessage) => void;
}

export interface LoadResult {
  sent: number;
  startedAt: number;
  endedAt: number;
  /** The longest pause between two pacing ticks: a loaded bench process shows up here. */
  maxTickGapMs: number;
}

/**
 * Open-loop pacing: every few ms it sends however many messages are due by now, so a late
 * tick catches up instead of lowering the rate. Each message comes from the longest-idle
 * parent (see ParentPool) and is tracked from the moment it is queued in the fake.
 */
export async function runLoad(run: LoadRun): Promise<LoadResult> {
  const startedAt = Date.now();
  let sent = 0;
  let lastTick = startedAt;
  let maxTickGapMs = 0;
  for (;;) {
    const now = Date.now();
    maxTickGapMs = Math.max(maxTickGapMs, now - lastTick);
    lastTick = now;
    const elapsed = now - startedAt;
    if (run.signal?.aborted || (run.durationMs !== undefined && elapsed >= run.durationMs)) break;
    const due = Math.floor((elapsed * run.rate) / 1000);
    for (; sent < due; sent += 1) sendOne(run, now);
    await sleep(4);
  }
  return { sent, startedAt, endedAt: Date.now(), maxTickGapMs };
}

function sendOne(run: LoadRun, now: number): void {
  const parent = run.pool.take(now);
  const seq = run.seq.next();
  const { kind, text } = run.mix.next(seq);
  const injected = parent.user.sendText(run.token, text);
  const message: TrackedMessage = {
    seq,
    chatId: parent.id,
    kind,
    phase: run.phase(),
    pushedAt: now,
    handOuts: 0,
    lost: false,
  };
  run.tracker.track(parent, message, injected.update);
  run.onPushed?.(injected, message);
}

/** Waits until every message is answered or past its deadline (at most `maxMs`). */
export async function drain(tracker: ReplyTracker, maxMs: number): Promise<number> {
  const started = Date.now();
  while (tracker.outstanding() > 0 && Date.now() - started < maxMs) await sleep(100);
  return Date.now() - started;
}
