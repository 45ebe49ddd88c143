import { inTransaction } from "../db/index.js";
import { emptyEffects, notifyStaff } from "../intake/index.js";
import type { RelayOutbound } from "../outbound/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { runStaffAction, type StaffActionInput } from "./run-staff-action.js";
import type { StaffActor, StaffDeps } from "./staff-deps.js";
import { upsertAgent } from "./upsert-agent.js";

/** /info: the ticket's history summary is posted in its topic (rendered when delivered). */
export function requestTicketInfo(deps: StaffDeps, input: StaffActionInput) {
  return runStaffAction(deps, input, "info", async ({ tx, ticket, effects }) => {
    await notifyStaff(tx, effects, deps.settings, { op: "info", ticketId: ticket.id });
  });
}

/** /tickets: the list of open tickets with the time left, in the General topic. */
export function requestTicketsList(
  deps: StaffDeps,
  input: { actor: StaffActor; eventKey: string; chatId?: string },
) {
  return postForStaff(deps, { ...input, post: { op: "tickets_list", chatId: input.chatId } });
}

/**
 * A text for the agents in the General topic, once per update (e.g. "use this command
 * inside a ticket's topic", the command list).
 */
export function postStaffHint(
  deps: StaffDeps,
  input: {
    actor: StaffActor;
    eventKey: string;
    key: string;
    args?: Record<string, string | number>;
    /** The staff group the hint answers in (a line's own); absent: the main group. */
    chatId?: string;
  },
) {
  return postForStaff(deps, {
    ...input,
    post: { op: "general_text", key: input.key, args: input.args ?? {}, chatId: input.chatId },
  });
}

async function postForStaff(
  deps: StaffDeps,
  input: { actor: StaffActor; eventKey: string; post: RelayOutbound },
): Promise<{ outcome: "queued" | "duplicate" }> {
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx) => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, "relay", [input.eventKey])))
      return { outcome: "duplicate" as const };
    await upsertAgent(tx, input.actor);
    await notifyStaff(tx, effects, deps.settings, input.post);
    return { outcome: "queued" as const };
  });
  await deps.afterCommit(effects);
  return result;
}
