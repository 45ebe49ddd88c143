import type { Ticket, Tx } from "../db/index.js";
import { CoreError, HOUR } from "../shared/index.js";
import { clockChangeFor } from "../sla/response-clock.js";
import { policyForLine, type SlaPolicy } from "../sla/sla-policy.js";
import { nextStatus, type TicketEvent } from "./ticket-state.js";

export interface TicketEventContext {
  now: Date;
  policy: SlaPolicy;
  reopenWindowHours: number;
  /** The agent taking the ticket (for "take"). */
  agentId?: number;
  resolutionComment?: string;
}

/**
 * Locks the ticket, moves it through the state machine and the SLA clock, and saves it.
 * Throws ILLEGAL_TRANSITION, REOPEN_WINDOW_PASSED or TICKET_NOT_FOUND with a reason.
 */
export async function applyTicketEvent(
  tx: Tx,
  ticketId: number,
  event: TicketEvent,
  ctx: TicketEventContext,
): Promise<{ before: Ticket; after: Ticket }> {
  const before = await lockTicket(tx, ticketId);
  if (event === "reopen") assertWithinReopenWindow(before, ctx);
  const status = nextStatus(before.status, event);
  const after = await tx.ticket.update({
    where: { id: ticketId },
    data: {
      status,
      ...clockChangeFor(before, status, ctx.now, policyForLine(ctx.policy, before.category)),
      ...eventFields(event, ctx),
    },
  });
  return { before, after };
}

function eventFields(event: TicketEvent, ctx: TicketEventContext) {
  switch (event) {
    case "take":
      return { assigneeId: ctx.agentId };
    case "hold":
      return { holdThanksPending: true };
    case "agent_reply":
      return { holdThanksPending: false };
    case "parent_message":
      return { lastParentAt: ctx.now };
    case "resolve":
      return {
        resolvedAt: ctx.now,
        resolutionComment: ctx.resolutionComment ?? null,
        holdThanksPending: false,
      };
    case "reopen":
      return { resolvedAt: null, closedAt: null, rating: null, ratedAt: null };
    case "close":
      return { closedAt: ctx.now };
    default:
      return {};
  }
}

/** SELECT … FOR UPDATE: concurrent events on one ticket apply one after another. */
export async function lockTicket(tx: Tx, ticketId: number): Promise<Ticket> {
  await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE "id" = ${ticketId} FOR UPDATE`;
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw new CoreError("TICKET_NOT_FOUND", `Ticket id ${ticketId} does not exist.`);
  return ticket;
}

function assertWithinReopenWindow(ticket: Ticket, ctx: TicketEventContext): void {
  const resolvedAt = ticket.resolvedAt?.getTime();
  if (resolvedAt !== undefined && ctx.now.getTime() - resolvedAt > ctx.reopenWindowHours * HOUR) {
    throw new CoreError(
      "REOPEN_WINDOW_PASSED",
      `Ticket №${ticket.number} was resolved more than ${ctx.reopenWindowHours} h ago; open a new ticket instead.`,
    );
  }
}
