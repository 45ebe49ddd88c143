import { openStatuses } from "../tickets/ticket-state.js";
import type { SlaDeps } from "./sla-deps.js";
import { loadTimerStates, timerColumns, timerJobFor } from "./sla-timers.js";

export interface SweepResult {
  /** Open tickets looked at. */
  tickets: number;
  /** Timers queued again, replaced or dropped because Redis disagreed with PostgreSQL. */
  repaired: number;
}

/**
 * The safety net under the timers: walks every open ticket, works out the timer it needs
 * and re-queues the ones Redis does not hold (a flushed or replaced Redis, a crash
 * between a commit and its reschedule, a timer dropped after failing). Runs every
 * minute; tickets are read in batches by id, so memory stays flat at any volume.
 */
export async function sweepSlaTimers(deps: SlaDeps, batchSize = 1000): Promise<SweepResult> {
  const now = deps.clock.now();
  let cursor = 0;
  const result: SweepResult = { tickets: 0, repaired: 0 };
  for (;;) {
    const tickets = await deps.db.ticket.findMany({
      // Resolved tickets too: each waits for its archiving after the reopen window.
      where: { id: { gt: cursor }, status: { in: [...openStatuses, "resolved"] } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: timerColumns,
    });
    if (tickets.length === 0) return result;
    cursor = tickets[tickets.length - 1]?.id ?? cursor;
    result.tickets += tickets.length;
    const states = await loadTimerStates(deps.db, deps, tickets);
    const wanted = tickets.map((t) => ({
      owner: String(t.id),
      timer: timerJobFor(t.id, states.get(t.id), now),
    }));
    const [current, missing] = await Promise.all([
      deps.timers.current(wanted.map((w) => w.owner)),
      deps.timers.missing(wanted.flatMap((w) => (w.timer ? [w.timer.id] : []))),
    ]);
    const repairs = wanted.filter(
      (w, i) => (w.timer?.id ?? null) !== current[i] || (w.timer && missing.has(w.timer.id)),
    );
    await deps.timers.put(repairs, now);
    result.repaired += repairs.length;
  }
}
