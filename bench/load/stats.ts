import type { TrackedMessage } from "./reply-tracker.js";

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a list (sorted here, once). */
export function percentiles(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    p50: round(at(0.5) ?? 0),
    p95: round(at(0.95) ?? 0),
    p99: round(at(0.99) ?? 0),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

export interface PhaseStats {
  sent: number;
  /** Answered at all (in time or late). */
  replied: number;
  /** No reply within the deadline after the parent sent it. */
  lost: number;
  /** Lost, but a reply came later. */
  late: number;
  /** Lost and never answered while the bench watched. */
  never: number;
  /** Of those, how many the bot never even fetched (still queued in the fake). */
  never_fetched: number;
  /** Replies whose first send fell inside [from, to], per second of that window. */
  throughput_per_s: number;
  /** Hand-out (end of the getUpdates answer) to the first send to the chat. */
  latency_ms: Percentiles | null;
  /** The parent's view: message queued to the first send (includes time waiting to be polled). */
  wait_ms: Percentiles | null;
  by_kind: Record<string, { sent: number; replied: number; latency_p99_ms: number | null }>;
  /**
   * `latency_ms` split by what answered: a first reply (a message: FAQ answer, ticket
   * number) or the 👀 reaction that acknowledges a follow-up on an open ticket.
   */
  by_reply: {
    first_reply: { count: number; latency_ms: Percentiles | null };
    reaction: { count: number; latency_ms: Percentiles | null };
  };
}

/** Everything one phase's messages say, computed once at the end (no rescans while running). */
export function phaseStats(
  messages: readonly TrackedMessage[],
  window: { from: number; to: number },
  deadlineMs: number,
): PhaseStats {
  const latencies: number[] = [];
  const firstReplies: number[] = [];
  const reactions: number[] = [];
  const waits: number[] = [];
  const kinds = new Map<string, { sent: number; replied: number; latencies: number[] }>();
  let replied = 0;
  let lost = 0;
  let late = 0;
  let inWindow = 0;
  let neverFetched = 0;
  for (const m of messages) {
    const kind = kinds.get(m.kind) ?? { sent: 0, replied: 0, latencies: [] };
    kinds.set(m.kind, kind);
    kind.sent += 1;
    // Exact rule here (the live deadline check runs every 100 ms): no reply within the deadline.
    const inTime = m.repliedAt !== undefined && m.repliedAt - m.pushedAt <= deadlineMs;
    if (!inTime) lost += 1;
    if (m.repliedAt === undefined && m.handedAt === undefined) neverFetched += 1;
    if (m.repliedAt === undefined) continue;
    replied += 1;
    kind.replied += 1;
    if (!inTime) late += 1;
    if (m.repliedAt >= window.from && m.repliedAt <= window.to) inWindow += 1;
    waits.push(m.repliedAt - m.pushedAt);
    if (m.handedAt !== undefined) {
      latencies.push(m.repliedAt - m.handedAt);
      kind.latencies.push(m.repliedAt - m.handedAt);
      (m.replyMethod === "setMessageReaction" ? reactions : firstReplies).push(
        m.repliedAt - m.handedAt,
      );
    }
  }
  const seconds = Math.max(0.001, (window.to - window.from) / 1000);
  return {
    sent: messages.length,
    replied,
    lost,
    late,
    never: lost - late,
    never_fetched: neverFetched,
    throughput_per_s: round(inWindow / seconds),
    latency_ms: percentiles(latencies),
    wait_ms: percentiles(waits),
    by_reply: {
      first_reply: { count: firstReplies.length, latency_ms: percentiles(firstReplies) },
      reaction: { count: reactions.length, latency_ms: percentiles(reactions) },
    },
    by_kind: Object.fromEntries(
      [...kinds].map(([name, k]) => [
        name,
        { sent: k.sent, replied: k.replied, latency_p99_ms: percentiles(k.latencies)?.p99 ?? null },
      ]),
    ),
  };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
