import { z } from "zod";
import type { Ticket, Tx } from "../db/index.js";
import type { TimerJob } from "../queue/index.js";
import type { SlaDeps } from "./sla-deps.js";
import { policyForLine } from "./sla-policy.js";
import {
  nextTimer,
  type SlaTimer,
  type TimerFacts,
  ticketTimers,
  timerJobId,
} from "./timer-plan.js";

/** The job name of every SLA timer; the payload carries ids only. */
export const slaTimerJobName = "sla-timer";

export const slaTimerPayloadSchema = z.object({
  ticketId: z.number().int().positive(),
  label: z.string().min(1),
  ref: z.number().int(),
});
export type SlaTimerPayload = z.infer<typeof slaTimerPayloadSchema>;

/** The ticket columns the timers depend on. */
export const timerColumns = {
  id: true,
  status: true,
  category: true,
  responseDueAt: true,
  firstResponseAt: true,
  resolvedAt: true,
  updatedAt: true,
} as const;

export type TimerTicket = Pick<Ticket, keyof typeof timerColumns>;

export interface TicketTimerState {
  timers: SlaTimer[];
  /** SlaEvent keys of the timers that acted already. */
  notified: Set<string>;
}

/**
 * The timers of each ticket and which of them acted, read in bulk: one query for the
 * SlaEvents, one for the last agent reply of the tickets waiting for the parent.
 */
export async function loadTimerStates(
  tx: Tx,
  deps: Pick<SlaDeps, "settings" | "policy">,
  tickets: readonly TimerTicket[],
): Promise<Map<number, TicketTimerState>> {
  const ids = tickets.map((t) => t.id);
  const waiting = tickets.filter((t) => t.status === "waiting_parent").map((t) => t.id);
  const [events, replies] = await Promise.all([
    ids.length > 0
      ? tx.slaEvent.findMany({
          where: { ticketId: { in: ids } },
          select: { ticketId: true, key: true },
        })
      : [],
    waiting.length > 0
      ? tx.message.groupBy({
          by: ["ticketId"],
          where: { ticketId: { in: waiting }, direction: "agent" },
          _max: { createdAt: true },
        })
      : [],
  ]);
  const lastReply = new Map(replies.map((r) => [r.ticketId, r._max.createdAt]));
  const notified = new Map<number, Set<string>>();
  for (const e of events) {
    const keys = notified.get(e.ticketId) ?? new Set<string>();
    notified.set(e.ticketId, keys.add(e.key));
  }
  const states = new Map<number, TicketTimerState>();
  for (const ticket of tickets) {
    const facts: TimerFacts = {
      status: ticket.status,
      responseDueAt: ticket.responseDueAt,
      resolvedAt: ticket.resolvedAt,
      waitingSince:
        ticket.status === "waiting_parent"
          ? (lastReply.get(ticket.id) ?? ticket.firstResponseAt ?? ticket.updatedAt)
          : null,
    };
    states.set(ticket.id, {
      timers: ticketTimers(facts, deps.settings, policyForLine(deps.policy, ticket.category)),
      notified: notified.get(ticket.id) ?? new Set(),
    });
  }
  return states;
}

/** The delayed job a ticket needs now, or null. */
export function timerJobFor(
  ticketId: number,
  state: TicketTimerState | undefined,
  now: Date,
): TimerJob | null {
  const timer = state ? nextTimer(state.timers, state.notified, now) : null;
  if (!timer) return null;
  const payload: SlaTimerPayload = { ticketId, label: timer.label, ref: timer.ref };
  return { id: timerJobId(ticketId, timer), name: slaTimerJobName, data: payload, at: timer.at };
}

/**
 * Brings the timers of these tickets in line with PostgreSQL: queues the one each needs,
 * replaces a timer whose deadline moved and drops it when nothing applies any more
 * (answered, closed, deleted). Called after every committed change.
 */
export async function rescheduleSlaTimers(
  deps: SlaDeps,
  ticketIds: readonly number[],
): Promise<void> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return;
  const now = deps.clock.now();
  const tickets = await deps.db.ticket.findMany({
    where: { id: { in: ids } },
    select: timerColumns,
  });
  const states = await loadTimerStates(deps.db, deps, tickets);
  await deps.timers.put(
    ids.map((id) => ({ owner: String(id), timer: timerJobFor(id, states.get(id), now) })),
    now,
  );
}

/**
 * The first timer of tickets just opened: their facts are known and no timer acted yet,
 * so nothing is read back and nothing is replaced (one Redis round trip for all).
 */
export async function scheduleNewTicketTimers(
  deps: SlaDeps,
  tickets: readonly (Pick<TimerTicket, "id" | "responseDueAt"> & { category?: string })[],
): Promise<void> {
  if (tickets.length === 0) return;
  const now = deps.clock.now();
  const entries = tickets.map((t) => {
    const facts: TimerFacts = {
      status: "new",
      responseDueAt: t.responseDueAt,
      waitingSince: null,
    };
    const state = {
      timers: ticketTimers(facts, deps.settings, policyForLine(deps.policy, t.category ?? "")),
      notified: new Set<string>(),
    };
    return { owner: String(t.id), timer: timerJobFor(t.id, state, now) };
  });
  await deps.timers.put(entries, now, { fresh: true });
}

/**
 * The timers of open tickets whose facts a hot-path statement read back as it wrote them
 * (status, deadline, the SLA events that acted): nothing is read from PostgreSQL, and the
 * timer each had is replaced. A change committed by someone else right after is put
 * right by its own reschedule, by the timer's own check when it fires, or by the sweeper.
 */
export async function scheduleKnownTimers(
  deps: SlaDeps,
  tickets: readonly {
    id: number;
    status: "new" | "waiting_agent";
    category: string;
    responseDueAt: Date | null;
    notified: readonly string[];
  }[],
): Promise<void> {
  if (tickets.length === 0) return;
  const now = deps.clock.now();
  const entries = tickets.map((t) => {
    const facts: TimerFacts = {
      status: t.status,
      responseDueAt: t.responseDueAt,
      waitingSince: null,
    };
    const state = {
      timers: ticketTimers(facts, deps.settings, policyForLine(deps.policy, t.category)),
      notified: new Set(t.notified),
    };
    return { owner: String(t.id), timer: timerJobFor(t.id, state, now) };
  });
  await deps.timers.put(entries, now);
}
