import { type Contact, isUniqueViolation, type Ticket, type Tx } from "../db/index.js";
import { HOUR } from "../shared/index.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { tellParentReopened } from "./parent-due-text.js";
import { notifyStaff } from "./staff-feed.js";
import { storeParentMessage, type ParentWords } from "./store-parent-message.js";

/** The parent's most recently solved ticket, if it is still inside the reopen window. */
export async function recentlyResolved(
  tx: Tx,
  deps: IntakeDeps,
  contactId: number,
): Promise<Ticket | null> {
  const since = new Date(deps.clock.now().getTime() - deps.settings.reopenWindowHours * HOUR);
  return tx.ticket.findFirst({
    where: { contactId, status: "resolved", resolvedAt: { gte: since } },
    orderBy: { resolvedAt: "desc" },
  });
}

/**
 * A question the FAQ cannot answer, shortly after a ticket was solved, most likely says
 * "it still does not work": the ticket reopens with the message, and the agents who know
 * the case see it in the same topic.
 */
export async function reopenWithMessage(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticket: Ticket,
  message: ParentWords,
): Promise<boolean> {
  const now = deps.clock.now();
  await tx.$executeRaw`SAVEPOINT reopen_on_message`;
  let after: Ticket;
  try {
    after = (
      await applyTicketEvent(tx, ticket.id, "reopen", {
        now,
        policy: deps.policy,
        reopenWindowHours: deps.settings.reopenWindowHours,
      })
    ).after;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT reopen_on_message`;
    return false;
  }
  const stored = await storeParentMessage(tx, ticket.id, contact, message, now);
  effects.ticketIds.push(ticket.id);
  await tellParentReopened(tx, deps, effects, contact, after);
  await notifyStaff(tx, effects, deps.settings, {
    op: "notice",
    ticketId: ticket.id,
    key: "relay-notice-reopened-by-parent",
    args: {},
  });
  await notifyStaff(tx, effects, deps.settings, {
    op: "parent_message",
    ticketId: ticket.id,
    messageId: stored.id,
  });
  return true;
}
