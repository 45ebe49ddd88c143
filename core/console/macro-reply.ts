import {
  type AgentReplyResult,
  agentReply,
  postStaffHint,
  type StaffActionInput,
  type StaffDeps,
} from "../staff/index.js";
import { applyMacro, findMacro, listMacros } from "./macros.js";

/**
 * `/m name` in a ticket's topic: the canned reply, filled in for this ticket, goes to the
 * parent as the agent's answer (through the etiquette guard like any reply) and is shown
 * in the topic. An unknown name gets the list of names instead.
 */
export async function replyWithMacro(
  deps: StaffDeps,
  input: StaffActionInput & { name: string },
): Promise<AgentReplyResult | { outcome: "unknown_macro" }> {
  const macro = await findMacro(deps.db, input.name.trim());
  if (!macro) {
    const names = (await listMacros(deps.db)).map((m) => m.name).join(", ") || "—";
    await postStaffHint(deps, {
      actor: input.actor,
      eventKey: input.eventKey,
      key: "relay-macro-unknown",
      args: { name: input.name.trim(), names },
    });
    return { outcome: "unknown_macro" };
  }
  const ticket = await deps.db.ticket.findUniqueOrThrow({
    where: { id: input.ticketId },
    include: { contact: true },
  });
  return agentReply(deps, {
    actor: input.actor,
    ticketId: input.ticketId,
    text: applyMacro(macro.text, { number: ticket.number, parent: ticket.contact.displayName }),
    attachments: [],
    eventKey: input.eventKey,
  });
}
