import { type WarningPoint, warningPointLabel } from "../config/index.js";
import { safeJobId } from "../queue/index.js";
import { HOUR } from "../shared/index.js";
import { slaClockRuns, type TicketStatus } from "../tickets/ticket-state.js";
import type { SlaPolicy } from "./sla-policy.js";

export type SlaTimerKind = "warning" | "breach" | "reminder" | "auto_close" | "archive";

/** One moment at which something happens to a ticket unless it changes first. */
export interface SlaTimer {
  kind: SlaTimerKind;
  /** "p50", "p80", "m15", "breach", "remind", "close", "archive". */
  label: string;
  /**
   * What the timer hangs on, in ms: the deadline for SLA timers, the start of the wait
   * for the parent for reminders. A moved deadline makes new timers with new keys.
   */
  ref: number;
  at: Date;
}

export interface SlaTimerSettings {
  warningPoints: readonly WarningPoint[];
  waitingParentReminderHours: number;
  autoCloseHours: number;
  /** A resolved ticket becomes `closed` this long after it was resolved. */
  reopenWindowHours: number;
}

/** What the timers of a ticket depend on. */
export interface TimerFacts {
  status: TicketStatus;
  responseDueAt: Date | null;
  /** Since when the ticket waits for the parent (the last agent reply); null if it does not. */
  waitingSince: Date | null;
  /** When it was resolved (a resolved ticket is archived after the reopen window). */
  resolvedAt?: Date | null;
}

/**
 * Every timer that applies to the ticket as it is now, in firing order: the warnings and
 * the breach of the reply the parent waits for while the SLA clock runs (on hold too), or
 * the reminder and the auto-close while the ticket waits for the parent, the archiving of a
 * resolved ticket once the reopen window has passed. Nothing when closed.
 */
export function ticketTimers(
  facts: TimerFacts,
  settings: SlaTimerSettings,
  policy: SlaPolicy,
): SlaTimer[] {
  if (slaClockRuns(facts.status) && facts.responseDueAt)
    return deadlineTimers(facts.responseDueAt, settings.warningPoints, policy);
  if (facts.status === "waiting_parent" && facts.waitingSince)
    return waitingTimers(facts.waitingSince.getTime(), settings);
  if (facts.status === "resolved" && facts.resolvedAt) {
    const ref = facts.resolvedAt.getTime();
    const at = new Date(ref + settings.reopenWindowHours * HOUR);
    return [{ kind: "archive", label: "archive", ref, at }];
  }
  return [];
}

function deadlineTimers(due: Date, points: readonly WarningPoint[], policy: SlaPolicy): SlaTimer[] {
  const ref = due.getTime();
  const warnings = new Map<string, SlaTimer>();
  for (const point of points) {
    const before =
      point.kind === "share"
        ? ((100 - point.percent) / 100) * policy.responseMinutes
        : point.minutes;
    // A point outside the window ("15 minutes before" a 1-minute deadline) cannot happen.
    if (before <= 0 || before >= policy.responseMinutes) continue;
    const label = warningPointLabel(point);
    warnings.set(label, { kind: "warning", label, ref, at: policy.addMinutes(due, -before) });
  }
  const sorted = [...warnings.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  return [...sorted, { kind: "breach", label: "breach", ref, at: due }];
}

function waitingTimers(since: number, settings: SlaTimerSettings): SlaTimer[] {
  const timers: SlaTimer[] = [];
  if (settings.waitingParentReminderHours < settings.autoCloseHours)
    timers.push({
      kind: "reminder",
      label: "remind",
      ref: since,
      at: new Date(since + settings.waitingParentReminderHours * HOUR),
    });
  timers.push({
    kind: "auto_close",
    label: "close",
    ref: since,
    at: new Date(since + settings.autoCloseHours * HOUR),
  });
  return timers;
}

/** The SlaEvent key that makes a timer act once: "p80-1764068400000". */
export function timerKey(timer: Pick<SlaTimer, "label" | "ref">): string {
  return `${timer.label}-${timer.ref}`;
}

/** The BullMQ job id of a timer: "sla-12-p80-1764068400000" (no ':' allowed). */
export function timerJobId(ticketId: number, timer: Pick<SlaTimer, "label" | "ref">): string {
  return safeJobId("sla", ticketId, timer.label, timer.ref);
}

/**
 * The one timer a ticket needs queued now: the first after the last one that acted. When
 * several are overdue (a worker was down, a deadline was resumed late) only the latest of
 * them is kept, so the staff get one current warning rather than a burst of stale ones.
 */
export function nextTimer(
  timers: readonly SlaTimer[],
  notified: ReadonlySet<string>,
  now: Date,
): SlaTimer | null {
  const pending = timers.slice(lastNotifiedIndex(timers, notified) + 1);
  const overdue = pending.filter((t) => t.at.getTime() <= now.getTime());
  return overdue.at(-1) ?? pending[0] ?? null;
}

export type FiredVerdict = "act" | "stale" | "done" | "early" | "superseded";

/**
 * Whether a fired timer should act, judged on the ticket's current state: it must still
 * apply (same status family, same deadline), must not have acted, must be due, and no
 * later timer may have acted or be due as well.
 */
export function firedVerdict(
  timers: readonly SlaTimer[],
  notified: ReadonlySet<string>,
  fired: Pick<SlaTimer, "label" | "ref">,
  now: Date,
  earlyToleranceMs = 1000,
): FiredVerdict {
  const index = timers.findIndex((t) => t.label === fired.label && t.ref === fired.ref);
  const timer = timers[index];
  if (!timer) return "stale";
  if (notified.has(timerKey(timer))) return "done";
  if (timer.at.getTime() > now.getTime() + earlyToleranceMs) return "early";
  const later = timers.slice(index + 1);
  if (later.some((t) => notified.has(timerKey(t)) || t.at.getTime() <= now.getTime()))
    return "superseded";
  return "act";
}

function lastNotifiedIndex(timers: readonly SlaTimer[], notified: ReadonlySet<string>): number {
  let last = -1;
  timers.forEach((t, i) => {
    if (notified.has(timerKey(t))) last = i;
  });
  return last;
}
