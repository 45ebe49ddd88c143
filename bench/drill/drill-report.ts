import type { DbFacts } from "../load/bench-db.js";
import type { busiestOther } from "../load/cpu-usage.js";
import { emptyPhaseFacts, factsByPhase } from "../load/db-by-phase.js";
import { accountSends } from "../load/duplicates.js";
import type { FakeWorld } from "../load/fake-world.js";
import { diagnoseLost } from "../load/lost-messages.js";
import type { Target } from "../load/measure.js";
import type { BenchOptions } from "../load/options.js";
import type { TrackedMessage } from "../load/reply-tracker.js";
import { phaseStats, round } from "../load/stats.js";
import { BASELINE_MS, drills, OBSERVE_MAX_MS, OBSERVE_MIN_MS, type FaultWindow } from "./drills.js";
import type { LogSummary } from "./log-excerpt.js";
import { recovery } from "./recovery.js";

/** What one drill did, as the runner recorded it. */
export interface DrillRun {
  name: string;
  cpu: Record<string, number>;
  otherLoad: ReturnType<typeof busiestOther>;
  phaseStart: number;
  phaseEnd: number;
  window: FaultWindow;
  log: LogSummary;
  /** How the system process ended if it died during the drill (then it was started again). */
  systemExited?: string;
  error?: string;
}

/** The JSON `npm run drill` prints; bench/README.md explains every field. */
export function buildDrillReport(input: {
  options: BenchOptions;
  started: number;
  runs: DrillRun[];
  facts: DbFacts;
  target: Target;
  logFile: string;
  world: FakeWorld;
}) {
  const { options, runs, facts, target } = input;
  const messages = target.tracker.messages();
  const seqPhase = new Map<number, string>();
  for (const m of messages) seqPhase.set(m.seq, m.phase);
  const phaseAt = (at: number) =>
    runs.find((r) => at >= r.phaseStart && at < r.phaseEnd)?.name ??
    (at < (runs[0]?.phaseStart ?? 0) ? "warmup" : "cooldown");
  const accounting = accountSends(target.tracker.sends, facts.outbox);
  const byPhase = factsByPhase(
    facts,
    (seq) => seqPhase.get(seq),
    accounting.extra.map((e) => ({ ...e, phase: phaseAt(e.at) })),
  );
  const drillsReport = runs.map((run) => {
    const own = messages.filter((m) => m.phase === run.name);
    const stats = phaseStats(own, { from: run.phaseStart, to: run.phaseEnd }, options.deadlineMs);
    const db = byPhase.get(run.name) ?? emptyPhaseFacts;
    // By when the row was queued: a row stuck by the fault is closed much later.
    const inPhase = (r: { createdAt: number }) =>
      r.createdAt >= run.phaseStart && r.createdAt < run.phaseEnd;
    const unconfirmed = facts.outbox.filter((r) => r.errorCode === "UNCONFIRMED" && inPhase(r));
    const neverSent = accounting.unconfirmedNeverSent.filter(inPhase);
    const extras = accounting.extra.filter((e) => phaseAt(e.at) === run.name);
    return {
      drill: run.name,
      what: drills[run.name]?.what,
      fault_ms: run.window.faultEnd - run.window.faultStart,
      phase_s: round((run.phaseEnd - run.phaseStart) / 1000),
      sent: stats.sent,
      replied: stats.replied,
      lost: stats.lost,
      late: stats.late,
      never_answered: stats.never,
      latency_ms: stats.latency_ms,
      wait_ms: stats.wait_ms,
      recovery: recovery(own, {
        phaseStart: run.phaseStart,
        faultStart: run.window.faultStart,
        faultEnd: run.window.faultEnd,
      }),
      duplicated_sends: db.duplicated_sends,
      duplicated_messages: db.duplicated_messages,
      duplicated_tickets: db.duplicated_tickets,
      duplicated_faq_lookups: db.duplicated_faq_lookups,
      tickets_created: db.tickets_created,
      unconfirmed_rows: unconfirmed.length,
      unconfirmed_rows_never_sent: neverSent.length,
      ...(neverSent.length > 0
        ? {
            unconfirmed_never_sent_examples: neverSent.slice(0, 3).map((r) => ({
              outbox_id: r.id,
              chat_id: r.chatId,
              payload: r.signature.slice(0, 80),
            })),
          }
        : {}),
      lost_diagnosis: diagnoseLost(own, facts),
      ...(extras.length > 0
        ? {
            duplicated_examples: extras.slice(0, 3).map((e) => ({
              chat_id: e.chatId,
              at_s_into_phase: round((e.at - run.phaseStart) / 1000),
              send: e.signature.slice(0, 80),
            })),
          }
        : {}),
      ...(stats.late > 0
        ? { late_examples: lateExamples(own, options.deadlineMs, run.window) }
        : {}),
      details: run.window.details,
      cpu: run.cpu,
      other_load: run.otherLoad,
      system_log: run.log,
      ...(run.systemExited ? { system_exited: run.systemExited } : {}),
      ...(run.error ? { error: run.error } : {}),
      pass:
        !run.error &&
        stats.lost === 0 &&
        neverSent.length === 0 &&
        db.duplicated_sends === 0 &&
        db.duplicated_messages === 0 &&
        db.duplicated_tickets === 0 &&
        db.duplicated_faq_lookups === 0,
    };
  });
  return {
    benchmark: "drill",
    duration_s: round((Date.now() - input.started) / 1000),
    settings: {
      rate_msg_per_s: options.rate,
      parents: options.parents,
      deadline_ms: options.deadlineMs,
      TELEGRAM_SENDS_PER_SECOND: options.sendsPerSecond,
      DATABASE_POOL_SIZE: options.dbPool,
      RELAY_GROUP_MESSAGES_PER_MINUTE: options.relayPerMinute,
      redis_db: options.redisDb,
      baseline_ms: BASELINE_MS,
      observe_ms: [OBSERVE_MIN_MS, OBSERVE_MAX_MS],
    },
    all_pass: drillsReport.every((d) => d.pass),
    drills: drillsReport,
    whole_run: {
      sent: messages.length,
      replied: messages.filter((m) => m.repliedAt !== undefined).length,
      never_answered: messages.filter((m) => m.repliedAt === undefined).length,
      tickets_created: facts.ticketSubjects.length,
      topics_created: input.world.topicsCreated(),
      sends_to_parents: accounting.sends,
      outbox_rows_sent: accounting.sentRows,
      outbox_rows_sending_at_end: accounting.sendingRows,
      duplicated_sends: accounting.extra.length,
      unconfirmed_rows: accounting.unconfirmedRows,
      unconfirmed_rows_never_sent: accounting.unconfirmedNeverSent.length,
      rows_unsent_at_end: accounting.unsentRows,
      rows_failed: accounting.failedRows,
      hand_outs_per_update: round(target.tracker.updatesHandedOut / Math.max(1, messages.length)),
    },
    system_log: input.logFile,
  };
}

/** The slowest late replies: where their time went (waiting to be fetched, or after). */
function lateExamples(
  messages: readonly TrackedMessage[],
  deadlineMs: number,
  window: FaultWindow,
) {
  return messages
    .filter((m) => m.repliedAt !== undefined && m.repliedAt - m.pushedAt > deadlineMs)
    .sort((a, b) => (b.repliedAt ?? 0) - b.pushedAt - ((a.repliedAt ?? 0) - a.pushedAt))
    .slice(0, 3)
    .map((m) => ({
      kind: m.kind,
      chat_id: m.chatId,
      sent_s_after_fault_start: round((m.pushedAt - window.faultStart) / 1000),
      fetched_after_ms: m.handedAt === undefined ? null : m.handedAt - m.pushedAt,
      replied_after_ms: (m.repliedAt ?? 0) - m.pushedAt,
      reply: m.replyMethod,
    }));
}
