import { readFileSync } from "node:fs";
import path from "node:path";
import type { DbFacts } from "./bench-db.js";
import { repoRoot } from "./child-process.js";
import type { ProfileSummary } from "./cpu-profile.js";
import { emptyPhaseFacts, factsByPhase } from "./db-by-phase.js";
import { accountSends } from "./duplicates.js";
import { diagnoseLost } from "./lost-messages.js";
import type { BenchContext, findMax, PhaseResult, Target } from "./measure.js";
import type { createMessageMix } from "./message-mix.js";
import type { BenchOptions } from "./options.js";
import { round } from "./stats.js";

/** The JSON `npm run bench:load` prints; bench/README.md explains every field. */
export function buildLoadReport(input: {
  options: BenchOptions;
  started: number;
  startupMs: number;
  logFile: string;
  echoMain: PhaseResult;
  systemMain: PhaseResult;
  /** The system's run at the production send cap, if any. */
  cappedMain: PhaseResult | undefined;
  /** Sends of the capped run its own outbox cannot account for. */
  cappedDuplicates: number | undefined;
  /** Why the production-cap run has no numbers, if it failed. */
  cappedError?: string;
  echoMax: Awaited<ReturnType<typeof findMax>> | undefined;
  systemMax: Awaited<ReturnType<typeof findMax>> | undefined;
  topicsAfterMain: number;
  topicsTotal: number;
  facts: DbFacts;
  ctx: BenchContext;
  systemTarget: Target;
  mix: ReturnType<typeof createMessageMix>;
  profile: ProfileSummary | { error: string } | undefined;
  settled: { waited_ms: number; cleared: boolean };
  waitedForTests: number;
}) {
  const { options, echoMain, systemMain, facts, ctx, systemTarget } = input;
  const seqPhase = new Map<number, string>();
  for (const m of systemTarget.tracker.messages()) seqPhase.set(m.seq, m.phase);
  const accounting = accountSends(systemTarget.tracker.sends, facts.outbox);
  const byPhase = factsByPhase(
    facts,
    (seq) => seqPhase.get(seq),
    accounting.extra.map((e) => ({ ...e, phase: ctx.chatPhase.get(e.chatId) })),
  );
  const mainFacts = byPhase.get("system-main") ?? emptyPhaseFacts;
  const mainMessages = systemTarget.tracker.messages().filter((m) => m.phase === "system-main");
  const echoP99 = echoMain.latency_ms?.p99 ?? null;
  const systemP99 = systemMain.latency_ms?.p99 ?? null;
  const ratio = echoP99 && systemP99 !== null ? round(systemP99 / echoP99, 2) : null;
  // The same ratio from the parent's view: a backlog waiting in the fake shows only here.
  const echoWait = echoMain.wait_ms?.p99 ?? null;
  const systemWait = systemMain.wait_ms?.p99 ?? null;
  const waitRatio = echoWait && systemWait !== null ? round(systemWait / echoWait, 2) : null;
  // First replies only: the echo bot never reacts, so this compares the same kind of answer.
  const echoFirst = echoMain.by_reply.first_reply.latency_ms?.p99 ?? null;
  const systemFirst = systemMain.by_reply.first_reply.latency_ms?.p99 ?? null;
  const firstRatio = echoFirst && systemFirst !== null ? round(systemFirst / echoFirst, 2) : null;

  const steps = (max: typeof input.echoMax) =>
    max?.steps.map((s) => ({
      ...compact(s),
      ...(byPhase.get(s.phase) ? { db: byPhase.get(s.phase) } : {}),
    }));
  const echoSteps = input.echoMax?.steps ?? [];
  const echoTop = echoSteps[echoSteps.length - 1];
  const schema = readFileSync(path.join(repoRoot, "core/config/config-schema.ts"), "utf8");
  return {
    benchmark: "bench:load",
    duration_s: round((Date.now() - input.started) / 1000),
    settings: {
      parents: options.parents,
      rate_msg_per_s: options.rate,
      seconds: options.seconds,
      deadline_ms: options.deadlineMs,
      think_ms: options.thinkMs,
      mix: {
        faq_share: 0.6,
        faq_pool: input.mix.pools.faq,
        case_templates: input.mix.pools.caseTemplates,
      },
      TELEGRAM_SENDS_PER_SECOND: options.sendsPerSecond,
      sends_per_second_known_to_system: schema.includes("TELEGRAM_SENDS_PER_SECOND"),
      production_send_cap: options.productionCap,
      PROCESSES: options.processes,
      DATABASE_POOL_SIZE: options.dbPool,
      RELAY_GROUP_MESSAGES_PER_MINUTE: options.relayPerMinute,
      redis_db: options.redisDb,
      profile: options.profile,
      order:
        "echo warm-up; system warm-up and settle; echo main run, then at once the system's; " +
        "find-max steps (echo, then system); the system restarted at the production send cap: " +
        "its main run again",
      cpu_ms_per_message:
        "utime+stime from /proc/<pid>/stat of the bot's process and every process it started " +
        "(the supervisor and its children), from the first send until every message was " +
        "answered or lost, divided by the messages answered; PostgreSQL and Redis apart (shared " +
        "with other work on this machine)",
      memory: "VmRSS of each of the bot's processes from /proc/<pid>/status, every 500 ms",
      waited_for_tests_ms: input.waitedForTests,
      tests_running_during_any_phase: [
        input.systemMain,
        input.echoMain,
        ...(input.systemMax?.steps ?? []),
        ...(input.echoMax?.steps ?? []),
      ].some((p) => p.tests_running),
    },
    system: {
      startup_ms: input.startupMs,
      backlog_before_main: input.settled,
      ...compact(systemMain),
      tickets_created: mainFacts.tickets_created,
      topics_created: input.topicsAfterMain,
      duplicated: mainFacts.duplicated_sends,
      duplicated_messages: mainFacts.duplicated_messages,
      duplicated_tickets: mainFacts.duplicated_tickets,
      duplicated_faq_lookups: mainFacts.duplicated_faq_lookups,
      lost_diagnosis: diagnoseLost(mainMessages, facts),
    },
    echo: compact(echoMain),
    system_at_production_cap: input.cappedMain
      ? {
          TELEGRAM_SENDS_PER_SECOND: options.productionCap,
          ...compact(input.cappedMain),
          duplicated: input.cappedDuplicates ?? null,
        }
      : input.cappedError
        ? { error: input.cappedError }
        : null,
    ratio_p99: ratio,
    ratio_first_reply_p99: firstRatio,
    ratio_wait_p99: waitRatio,
    whole_run: {
      tickets_created: input.facts.ticketSubjects.length,
      topics_created: input.topicsTotal,
      faq_lookup_outcomes: facts.lookupOutcomes,
      follow_ups_stored: facts.followUps,
      sends_to_parents: accounting.sends,
      outbox_rows_sent: accounting.sentRows,
      outbox_rows_sending_at_end: accounting.sendingRows,
      duplicated_sends: accounting.extra.length,
      duplicated_examples: accounting.extra.slice(0, 5).map((e) => ({
        chat_id: e.chatId,
        phase: ctx.chatPhase.get(e.chatId) ?? null,
        send: e.signature.slice(0, 90),
        chat_rows: facts.outbox
          .filter((r) => r.chatId === e.chatId)
          .map(
            (r) => `${r.status}${r.errorCode ? `/${r.errorCode}` : ""} ${r.signature.slice(0, 50)}`,
          ),
        chat_sends: (systemTarget.tracker.sends.get(e.chatId) ?? []).map((x) =>
          x.signature.slice(0, 50),
        ),
      })),
      sent_rows_without_a_send: accounting.rowsWithoutSend,
      unconfirmed_rows: accounting.unconfirmedRows,
      rows_unsent_at_end: accounting.unsentRows,
      rows_failed: accounting.failedRows,
      // Confirmed polling hands unfinished updates out again with every poll (see README).
      get_updates_answers: systemTarget.tracker.polls,
      updates_handed_out: systemTarget.tracker.updatesHandedOut,
      hand_outs_per_update: round(
        systemTarget.tracker.updatesHandedOut / Math.max(1, systemTarget.tracker.messages().length),
      ),
    },
    find_max: input.systemMax
      ? {
          system_max_sustained_rate: input.systemMax.max_sustained_rate,
          echo_max_sustained_rate: input.echoMax?.max_sustained_rate ?? null,
          rule: "p99 < 1000 ms from hand-out and from the parent's send, nothing lost, >= 97% of the offered messages sent",
          fake_saturated_a_core:
            echoTop !== undefined && (echoTop.cpu.bench_and_fake_pct_of_core ?? 0) >= 90,
          system_steps: steps(input.systemMax),
          echo_steps: steps(input.echoMax),
        }
      : null,
    targets: {
      p99_within_5x_echo_at_rate: {
        rate: options.rate,
        ratio_p99: ratio,
        pass: ratio !== null && ratio <= 5 && systemMain.lost === 0,
      },
      sustained_1000_msg_per_s_p99_under_1s: {
        max_sustained_rate: input.systemMax?.max_sustained_rate ?? null,
        pass: (input.systemMax?.max_sustained_rate ?? 0) >= 1000,
      },
    },
    ...(input.profile ? { system_cpu_profile: input.profile } : {}),
    system_log: input.logFile,
  };
}

/** The numbers of a phase without the noise (kind breakdown kept, zero-valued fields kept). */
function compact(phase: PhaseResult) {
  return {
    rate_msg_per_s: phase.rate,
    seconds: phase.seconds,
    parents: phase.parents,
    extra_parents: phase.extra_parents,
    sent: phase.sent,
    replied: phase.replied,
    throughput_replies_per_s: phase.throughput_per_s,
    latency_ms: phase.latency_ms,
    by_reply: phase.by_reply,
    wait_ms: phase.wait_ms,
    lost: phase.lost,
    late: phase.late,
    never_answered: phase.never,
    never_fetched: phase.never_fetched,
    by_kind: phase.by_kind,
    drain_ms: phase.drain_ms,
    max_tick_gap_ms: phase.max_tick_gap_ms,
    cpu: phase.cpu,
    cpu_ms_per_message: phase.cpu_ms_per_message,
    memory: phase.memory,
    backend_per_message: phase.backend_per_message,
    other_load: phase.other_load,
    tests_running: phase.tests_running,
  };
}
