import type { TrackedMessage } from "../load/reply-tracker.js";
import { percentiles, round } from "../load/stats.js";

export interface Recovery {
  /** p99 of the parent's wait (send to first reply) of messages answered before the fault: "normal". */
  baseline_wait_p99_ms: number | null;
  /** A reply within this counts as normal again: max(2 x baseline p99, 500 ms). */
  normal_threshold_ms: number;
  /**
   * From the end of the fault until fresh messages are answered normally again: the send time
   * of the first message after which every message of the next 3 s was answered within the
   * threshold. null: not within the observation window.
   */
  time_to_recover_ms: number | null;
  /** From the end of the fault until the last message sent before it got its reply. */
  backlog_cleared_ms: number | null;
  /** Messages sent before the end of the fault that never got a reply. */
  backlog_unanswered: number;
}

const WINDOW_MS = 3000;

export function recovery(
  messages: readonly TrackedMessage[],
  times: { phaseStart: number; faultStart: number; faultEnd: number },
): Recovery {
  const waitOf = (m: TrackedMessage) =>
    m.repliedAt === undefined ? Number.POSITIVE_INFINITY : m.repliedAt - m.pushedAt;
  const baseline = percentiles(
    messages
      .filter((m) => m.pushedAt < times.faultStart)
      .map(waitOf)
      .filter(Number.isFinite),
  );
  const threshold = Math.max(2 * (baseline?.p99 ?? 0), 500);
  const after = messages.filter((m) => m.pushedAt >= times.faultEnd);
  const lastPush = after[after.length - 1]?.pushedAt ?? 0;
  let recoveredAt: number | null = null;
  // After is in send order; j marks the first message beyond the 3 s window of message i.
  let j = 0;
  let bad = 0;
  const isBad = (m: TrackedMessage) => waitOf(m) > threshold;
  for (let i = 0; i < after.length; i += 1) {
    const start = after[i] as TrackedMessage;
    if (start.pushedAt + WINDOW_MS > lastPush) break;
    if (j < i) {
      j = i;
      bad = 0;
    }
    while (j < after.length && (after[j] as TrackedMessage).pushedAt < start.pushedAt + WINDOW_MS) {
      if (isBad(after[j] as TrackedMessage)) bad += 1;
      j += 1;
    }
    if (bad === 0) {
      recoveredAt = start.pushedAt;
      break;
    }
    if (isBad(start)) bad -= 1;
  }
  const before = messages.filter((m) => m.pushedAt < times.faultEnd);
  let cleared = times.faultEnd;
  let unanswered = 0;
  for (const m of before) {
    if (m.repliedAt === undefined) unanswered += 1;
    else cleared = Math.max(cleared, m.repliedAt);
  }
  return {
    baseline_wait_p99_ms: baseline?.p99 ?? null,
    normal_threshold_ms: round(threshold),
    time_to_recover_ms: recoveredAt === null ? null : Math.max(0, recoveredAt - times.faultEnd),
    backlog_cleared_ms: unanswered > 0 ? null : cleared - times.faultEnd,
    backlog_unanswered: unanswered,
  };
}
