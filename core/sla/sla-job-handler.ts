import { asJson, inTransaction, type Ticket, type Tx } from "../db/index.js";
import { type Effects, emptyEffects } from "../intake/index.js";
import { isCoreError } from "../shared/index.js";
import { lockTicket } from "../tickets/apply-ticket-event.js";
import { handleSlaBreach } from "./breach.js";
import { archiveResolvedTicket, autoCloseTicket, remindParent } from "./reminders.js";
import type { SlaDeps } from "./sla-deps.js";
import { loadTimerStates, slaTimerPayloadSchema } from "./sla-timers.js";
import { type FiredVerdict, firedVerdict, type SlaTimer, timerKey } from "./timer-plan.js";
import { postSlaWarning } from "./warnings.js";

/** A timer fired before its time (clocks of two hosts disagree); BullMQ retries it. */
export class SlaTimerEarlyError extends Error {
  readonly code = "SLA_TIMER_EARLY";
}

/**
 * Runs a fired SLA timer. PostgreSQL decides, not the job: under the ticket's row lock
 * the timer must still apply (ticket open in the same state, deadline unchanged), must
 * be due, and must not have acted (SlaEvent's unique (ticketId, key)). Whatever the
 * verdict, the ticket's next timer is queued afterwards.
 */
export async function handleSlaTimer(deps: SlaDeps, data: unknown): Promise<FiredVerdict> {
  const payload = slaTimerPayloadSchema.parse(data);
  let effects = emptyEffects();
  const { verdict, acted } = await inTransaction(deps.db, async (tx) => {
    effects = emptyEffects();
    const ticket = await lockedTicket(tx, payload.ticketId);
    if (!ticket) return { verdict: "stale" as const };
    const now = deps.clock.now();
    const state = (await loadTimerStates(tx, deps, [ticket])).get(ticket.id);
    const timers = state?.timers ?? [];
    const verdict = firedVerdict(timers, state?.notified ?? new Set(), payload, now);
    const timer = timers.find((t) => t.label === payload.label && t.ref === payload.ref);
    if (verdict !== "act" || !timer) return { verdict };
    await act(tx, deps, effects, ticket, timer, now);
    return { verdict, acted: timer };
  });
  if (verdict === "early")
    throw new SlaTimerEarlyError(
      `SLA timer ${payload.label} of ticket ${payload.ticketId} fired before its time; retrying.`,
    );
  effects.ticketIds.push(payload.ticketId);
  await deps.afterCommit(effects);
  if (acted) {
    deps.metrics.slaEvents.inc({ kind: acted.kind });
    deps.logger.info(
      { ticketId: payload.ticketId, kind: acted.kind, label: acted.label },
      "SLA timer acted",
    );
  }
  return verdict;
}

async function lockedTicket(tx: Tx, ticketId: number): Promise<Ticket | null> {
  try {
    return await lockTicket(tx, ticketId);
  } catch (error) {
    if (isCoreError(error, "TICKET_NOT_FOUND")) return null;
    throw error;
  }
}

async function act(
  tx: Tx,
  deps: SlaDeps,
  effects: Effects,
  ticket: Ticket,
  timer: SlaTimer,
  now: Date,
): Promise<void> {
  const details =
    timer.kind === "warning"
      ? await postSlaWarning(tx, deps, effects, ticket, timer, now)
      : timer.kind === "breach"
        ? await handleSlaBreach(tx, deps, effects, ticket, timer, now)
        : timer.kind === "reminder"
          ? await remindParent(tx, deps, effects, ticket, timer)
          : timer.kind === "archive"
            ? await archiveResolvedTicket(tx, deps, effects, ticket, now)
            : await autoCloseTicket(tx, deps, effects, ticket, timer, now);
  await tx.slaEvent.create({
    data: {
      ticketId: ticket.id,
      kind: timer.kind,
      key: timerKey(timer),
      at: now,
      details: asJson({ ...details, timerAt: timer.at, ref: new Date(timer.ref) }),
    },
  });
}
