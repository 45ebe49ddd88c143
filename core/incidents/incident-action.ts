import { type Agent, asJson, inTransaction, type Tx } from "../db/index.js";
import { type Effects, emptyEffects, notifyStaff } from "../intake/index.js";
import type { StaffActor, StaffDeps } from "../staff/index.js";
import { upsertAgent } from "../staff/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import type { IncidentBoard } from "./incident-board.js";

/** Who may open and resolve incidents: supervisors, admins, and the group's administrators. */
export interface IncidentActor {
  actor: StaffActor;
  /** The relay checked that the writer administers the staff group. */
  groupAdmin: boolean;
  /** The update's dedupe key: a redelivered command acts once. */
  eventKey: string;
}

export type IncidentDeps = StaffDeps & { board: IncidentBoard };

export type IncidentResult<T> =
  { outcome: "duplicate" } | { outcome: "refused"; key: string } | { outcome: "done"; value: T };

/**
 * The frame of an incident command: dedupe, know the agent, check the role when asked,
 * run, audit; a refusal is explained in the General topic by its locale key. The board
 * is refreshed after the commit, so this process sees the change at once.
 */
export async function runIncidentAction<T>(
  deps: IncidentDeps,
  input: IncidentActor,
  options: { action: string | null; supervisorsOnly: boolean },
  fn: (ctx: {
    tx: Tx;
    agent: Agent;
    effects: Effects;
    audit: { ticketId?: number; details?: unknown };
  }) => Promise<T | { refuse: string; args?: Record<string, string | number> }>,
): Promise<IncidentResult<T>> {
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx): Promise<IncidentResult<T>> => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, "relay", [input.eventKey]))) return { outcome: "duplicate" };
    const agent = await upsertAgent(tx, input.actor);
    const allowed = input.groupAdmin || agent.role === "supervisor" || agent.role === "admin";
    const refuse = async (key: string, args: Record<string, string | number> = {}) => {
      effects = emptyEffects();
      await notifyStaff(tx, effects, deps.settings, { op: "general_text", key, args });
      return { outcome: "refused" as const, key };
    };
    if (options.supervisorsOnly && !allowed) return refuse("incident-supervisors-only");
    const audit: { ticketId?: number; details?: unknown } = {};
    const value = await fn({ tx, agent, effects, audit });
    if (isRefusal(value)) return refuse(value.refuse, value.args);
    if (options.action)
      await tx.auditLog.create({
        data: {
          actor: `agent:${agent.id}`,
          action: options.action,
          ticketId: audit.ticketId,
          ...(audit.details === undefined ? {} : { details: asJson(audit.details) }),
        },
      });
    return { outcome: "done", value };
  });
  await deps.afterCommit(effects);
  if (result.outcome === "done") await deps.board.refresh();
  return result;
}

function isRefusal(
  value: unknown,
): value is { refuse: string; args?: Record<string, string | number> } {
  return typeof value === "object" && value !== null && "refuse" in value;
}
