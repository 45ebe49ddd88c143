import { MAX_TEXT_LENGTH } from "../tickets/inbound-message.js";
import type { IntakeDeps } from "./intake-deps.js";
import { runParentOperation } from "./run-parent-operation.js";
import { notifyStaff } from "./staff-feed.js";

export interface ParentEditInput {
  channel: "telegram" | "vk";
  externalUserId: string;
  externalMessageId: string;
  text: string;
  eventKeys: string[];
}

/**
 * A parent edited a message that is part of a ticket: the stored text follows the edit
 * and the agents see it as an edit in the topic. Edits of messages outside tickets (an
 * FAQ question, a greeting) change nothing.
 */
export async function receiveParentEdit(
  deps: IntakeDeps,
  input: ParentEditInput,
): Promise<{ outcome: string }> {
  return runParentOperation(deps, input, { outcome: "duplicate" }, async (tx, effects) => {
    const message = await tx.message.findFirst({
      where: {
        direction: "in",
        externalChatId: input.externalUserId,
        externalMessageId: input.externalMessageId,
        ticket: { contact: { channel: input.channel, externalId: input.externalUserId } },
      },
    });
    if (!message) return { outcome: "not_in_ticket" };
    await tx.message.update({
      where: { id: message.id },
      data: { text: input.text.slice(0, MAX_TEXT_LENGTH), editedAt: deps.clock.now() },
    });
    await notifyStaff(tx, effects, deps.settings, {
      op: "parent_edit",
      ticketId: message.ticketId,
      messageId: message.id,
    });
    return { outcome: "edited" };
  });
}
