import type { Agent, Tx } from "../db/index.js";
import type { StaffActor } from "./staff-deps.js";

/** The staff member as an Agent row, created on their first action; the name is kept fresh. */
export async function upsertAgent(tx: Tx, actor: StaffActor): Promise<Agent> {
  return tx.agent.upsert({
    where: { telegramUserId: actor.telegramUserId },
    create: { telegramUserId: actor.telegramUserId, displayName: actor.displayName.slice(0, 200) },
    update: { displayName: actor.displayName.slice(0, 200) },
  });
}
