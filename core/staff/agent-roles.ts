import { type Agent, type AgentRole, asJson, type Db, inTransaction } from "../db/index.js";
import { emptyEffects, notifyStaff } from "../intake/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import type { StaffActor, StaffDeps } from "./staff-deps.js";
import { upsertAgent } from "./upsert-agent.js";

/**
 * /role: an administrator of the staff group makes a colleague a supervisor (SLA breach
 * escalations mention them) or an agent again. Audited as "role_changed"; the group sees
 * the change in the General topic.
 */
export async function setAgentRole(
  deps: StaffDeps,
  input: { actor: StaffActor; target: StaffActor; role: AgentRole; eventKey: string },
): Promise<{ outcome: "done"; agent: Agent } | { outcome: "duplicate" }> {
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx) => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, "relay", [input.eventKey])))
      return { outcome: "duplicate" as const };
    const actor = await upsertAgent(tx, input.actor);
    // Named by id only (no message of theirs at hand): keep the name we know.
    const target = input.target.displayName
      ? await upsertAgent(tx, input.target)
      : await tx.agent.upsert({
          where: { telegramUserId: input.target.telegramUserId },
          create: { telegramUserId: input.target.telegramUserId },
          update: {},
        });
    const agent = await tx.agent.update({ where: { id: target.id }, data: { role: input.role } });
    await tx.auditLog.create({
      data: {
        actor: `agent:${actor.id}`,
        action: "role_changed",
        details: asJson({ agentId: agent.id, from: target.role, to: input.role }),
      },
    });
    await notifyStaff(tx, effects, deps.settings, {
      op: "general_text",
      key: "relay-role-set",
      args: { name: agent.displayName || agent.telegramUserId, role: input.role },
    });
    return { outcome: "done" as const, agent };
  });
  await deps.afterCommit(effects);
  return result;
}

/** Who SLA escalations mention: active supervisors and admins. */
export function listSupervisors(db: Db): Promise<Agent[]> {
  return db.agent.findMany({
    where: { role: { in: ["supervisor", "admin"] }, active: true },
    orderBy: { id: "asc" },
  });
}

/** The role recorded for a Telegram user (agent when unknown). */
export async function agentRoleOf(db: Db, telegramUserId: string): Promise<AgentRole> {
  const agent = await db.agent.findUnique({ where: { telegramUserId } });
  return agent?.role ?? "agent";
}
