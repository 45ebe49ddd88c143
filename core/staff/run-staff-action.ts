import { type Agent, asJson, inTransaction, type Ticket, type Tx } from "../db/index.js";
import { type Effects, emptyEffects, notifyStaff } from "../intake/index.js";
import { CoreError } from "../shared/index.js";
import { lockTicket } from "../tickets/apply-ticket-event.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import type { StaffActor, StaffDeps } from "./staff-deps.js";
import { upsertAgent } from "./upsert-agent.js";

export interface StaffActionInput {
  actor: StaffActor;
  ticketId: number;
  /** The update's dedupe key: a redelivered command or button press acts once. */
  eventKey: string;
  /**
   * A typed command is answered in the topic when it cannot be done (the agent looks at
   * the chat); a button press is answered by the adapter with a toast instead.
   */
  explainRefusal?: boolean;
}

export type StaffActionResult<T> =
  | { outcome: "duplicate" }
  | { outcome: "done"; value: T }
  | { outcome: "refused"; code: string; message: string };

/**
 * The frame of every agent action: dedupe, lock the ticket, know the agent, run, audit,
 * then queue what the action produced. A CoreError (illegal transition, window passed)
 * becomes a "refused" result the relay explains to the agent.
 */
export async function runStaffAction<T>(
  deps: StaffDeps,
  input: StaffActionInput,
  action: string,
  fn: (ctx: {
    tx: Tx;
    ticket: Ticket;
    agent: Agent;
    effects: Effects;
    /** What the action changes in its audit row: another action name, details. */
    audit: { action?: string; details?: unknown };
  }) => Promise<T>,
): Promise<StaffActionResult<T>> {
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx): Promise<StaffActionResult<T>> => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, "relay", [input.eventKey]))) return { outcome: "duplicate" };
    const ticket = await lockTicket(tx, input.ticketId);
    const agent = await upsertAgent(tx, input.actor);
    await tx.$executeRaw`SAVEPOINT staff_action`;
    try {
      const audit: { action?: string; details?: unknown } = {};
      const value = await fn({ tx, ticket, agent, effects, audit });
      await tx.auditLog.create({
        data: {
          actor: `agent:${agent.id}`,
          action: audit.action ?? action,
          ticketId: ticket.id,
          ...(audit.details === undefined ? {} : { details: asJson(audit.details) }),
        },
      });
      effects.ticketIds.push(ticket.id);
      return { outcome: "done", value };
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT staff_action`;
      effects = emptyEffects();
      if (input.explainRefusal) {
        await notifyStaff(tx, effects, deps.settings, {
          op: "notice",
          ticketId: ticket.id,
          key: "relay-refused",
          args: { code: error.code, status: deps.i18n.t("ru", `relay-status-${ticket.status}`) },
        });
      }
      return { outcome: "refused", code: error.code, message: error.message };
    }
  });
  await deps.afterCommit(effects);
  return result;
}
