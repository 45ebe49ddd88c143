import { setTimeout as sleep } from "node:timers/promises";
import type { ManagedChild } from "./child-process.js";
import { countersPerMessage, readCounters } from "./backend-counters.js";
import { busiestOther, cpuBetween, cpuMsByParty, cpuSnapshot } from "./cpu-usage.js";
import type { FakeWorld } from "./fake-world.js";
import { drain, runLoad, type SeqSource } from "./load-generator.js";
import type { MessageMix } from "./message-mix.js";
import { ParentPool } from "./parent-pool.js";
import { ReplyTracker } from "./reply-tracker.js";
import { RssSampler, type ProcessMemory } from "./rss-sampler.js";
import { phaseStats, round, type PhaseStats } from "./stats.js";
import { vitestRuns } from "./test-runs.js";

/** A bot under load: the system's parents' bot or the echo bot, with its tracker. */
export interface Target {
  name: "system" | "echo";
  token: string;
  child: ManagedChild;
  tracker: ReplyTracker;
}

export interface BenchContext {
  world: FakeWorld;
  mix: MessageMix;
  seq: SeqSource;
  deadlineMs: number;
  thinkMs: number;
  /** Child processes whose CPU is reported, by name. */
  pids: () => Record<string, number | undefined>;
  /** Chat id to phase label, for attributing DB rows and extra sends afterwards. */
  chatPhase: Map<number, string>;
  /** The system's database: its server-side counters are read around each system phase. */
  dbName?: string;
}

export function createTarget(
  ctx: Pick<BenchContext, "world" | "deadlineMs" | "thinkMs">,
  name: Target["name"],
  token: string,
  child: ManagedChild,
): Target {
  const tracker = new ReplyTracker(ctx.world.fake, token, {
    deadlineMs: ctx.deadlineMs,
    onAnswered: (parent, at) => parent.pool.release(parent, at + ctx.thinkMs),
  });
  return { name, token, child, tracker };
}

export interface PhaseResult extends PhaseStats {
  phase: string;
  rate: number;
  seconds: number;
  parents: number;
  /** Parents added because none was ready (the offered rate stayed open-loop). */
  extra_parents: number;
  /** How long after the last send every message was answered or past its deadline. */
  drain_ms: number;
  /** The generator's longest pause between ticks (a busy bench process shows here). */
  max_tick_gap_ms: number;
  cpu: Record<string, number>;
  /**
   * CPU time per message answered, ms, from the first send until every message was answered or
   * lost: `bot` sums the bot's process and every process it started (the supervisor and its
   * children), from utime + stime in /proc/<pid>/stat; PostgreSQL and Redis apart (they
   * serve other engineers on a shared machine too).
   */
  cpu_ms_per_message: {
    bot: number;
    postgres: number;
    redis: number;
    bot_and_backends: number;
    /** The bot's CPU over every message sent, answered or not (a floor when some were lost). */
    bot_per_message_sent: number;
  };
  /** RSS of each of the bot's processes over the phase (sampled every 500 ms). */
  memory: ProcessMemory[];
  /** PostgreSQL transactions, rows written and Redis commands per message (system only). */
  backend_per_message: Record<string, number> | null;
  /** The busiest process that is not part of the bench (another engineer's work), if any. */
  other_load: { pct_of_core: number; command: string } | null;
  /** A vitest run was active at the end of the phase (its CPU shows under others_*). */
  tests_running: boolean;
}

/**
 * One measured phase with fresh parents: send at `rate` for `seconds`, then wait until
 * every message is answered or lost. CPU is sampled over the sending window only.
 */
export async function measurePhase(
  ctx: BenchContext,
  target: Target,
  spec: { phase: string; rate: number; seconds: number; parents: number },
): Promise<PhaseResult> {
  const pool = new ParentPool(ctx.world.fake, `${target.name}-${spec.phase}`, spec.parents);
  const dbName = target.name === "system" ? ctx.dbName : undefined;
  const countersBefore = dbName ? await readCounters(dbName) : undefined;
  const before = cpuSnapshot(ctx.pids());
  const rss = new RssSampler(() => ctx.pids()[target.name]);
  rss.start();
  const load = await runLoad({
    token: target.token,
    pool,
    tracker: target.tracker,
    mix: ctx.mix,
    seq: ctx.seq,
    rate: spec.rate,
    durationMs: spec.seconds * 1000,
    phase: () => spec.phase,
  });
  const after = cpuSnapshot(ctx.pids());
  const drainMs = await drain(target.tracker, ctx.deadlineMs + 1000);
  const drained = cpuSnapshot(ctx.pids());
  const memory = rss.stop();
  const countersAfter = dbName ? await readCounters(dbName) : undefined;
  const messages = target.tracker.messages().filter((m) => m.phase === spec.phase);
  for (const m of messages) ctx.chatPhase.set(m.chatId, spec.phase);
  return {
    phase: spec.phase,
    rate: spec.rate,
    seconds: spec.seconds,
    parents: pool.size,
    extra_parents: pool.extra,
    ...phaseStats(messages, { from: load.startedAt, to: load.endedAt }, ctx.deadlineMs),
    drain_ms: drainMs,
    max_tick_gap_ms: load.maxTickGapMs,
    cpu: cpuBetween(before, after),
    // Per message answered: on a busy machine a message never fetched cost the bot nothing.
    cpu_ms_per_message: perMessage(
      cpuMsByParty(before, drained),
      target.name,
      messages.filter((m) => m.repliedAt !== undefined).length,
      messages.length,
    ),
    memory,
    backend_per_message: countersPerMessage(countersBefore, countersAfter, messages.length),
    other_load: busiestOther(before, after),
    tests_running: (await vitestRuns()).length > 0,
  };
}

function perMessage(
  ms: Record<string, number>,
  bot: string,
  messages: number,
  sent: number,
): PhaseResult["cpu_ms_per_message"] {
  const per = (value: number, count = messages) => round(value / Math.max(1, count), 2);
  const botMs = ms[bot] ?? 0;
  const postgres = ms.postgres ?? 0;
  const redis = ms.redis ?? 0;
  return {
    bot: per(botMs),
    postgres: per(postgres),
    redis: per(redis),
    bot_and_backends: per(botMs + postgres + redis),
    bot_per_message_sent: per(botMs, sent),
  };
}

/**
 * Waits until the bot has fetched everything queued for it and every tracked message is
 * answered or lost, so a backlog left by an overloaded phase does not slow the next one.
 */
export async function settle(
  ctx: BenchContext,
  target: Target,
  maxMs: number,
): Promise<{ waited_ms: number; cleared: boolean }> {
  const started = Date.now();
  const busy = () =>
    ctx.world.fake.pendingUpdateCount(target.token) > 0 || target.tracker.outstanding() > 0;
  while (busy() && Date.now() - started < maxMs) await sleep(250);
  const cleared = !busy();
  await sleep(1000);
  return { waited_ms: Date.now() - started, cleared };
}

/**
 * A step passes when nothing is lost, p99 < 1 s both from hand-out and from the parent's
 * send (a queue growing in the fake shows only in the latter), and the generator kept the rate.
 */
export function sustained(step: PhaseResult): boolean {
  return (
    step.lost === 0 &&
    step.latency_ms !== null &&
    step.latency_ms.p99 < 1000 &&
    step.wait_ms !== null &&
    step.wait_ms.p99 < 1000 &&
    step.sent >= 0.97 * step.rate * step.seconds
  );
}

/**
 * Steps the rate up with short windows and fresh parents (about five seconds of traffic
 * per parent, so the per-chat send pacing of 1/s never decides the result) and stops at
 * the first step that is not sustained.
 */
export async function findMax(
  ctx: BenchContext,
  target: Target,
  steps: number[],
  stepSeconds: number,
  minParents: number,
  progress: (line: string) => void,
): Promise<{ max_sustained_rate: number | null; steps: PhaseResult[] }> {
  const results: PhaseResult[] = [];
  let best: number | null = null;
  for (const rate of steps) {
    progress(`${target.name}: find-max step ${rate} msg/s for ${stepSeconds} s`);
    const step = await measurePhase(ctx, target, {
      phase: `${target.name}-step-${rate}`,
      rate,
      seconds: stepSeconds,
      parents: Math.max(minParents, Math.ceil(rate * 5)),
    });
    results.push(step);
    progress(
      `${target.name}: ${rate} msg/s -> p99 ${step.latency_ms?.p99 ?? "-"} ms, lost ${step.lost}, ` +
        `bench+fake CPU ${step.cpu.bench_and_fake_pct_of_core}% of a core`,
    );
    if (!sustained(step)) break;
    best = rate;
    await sleep(1000);
  }
  return { max_sustained_rate: best, steps: results };
}
