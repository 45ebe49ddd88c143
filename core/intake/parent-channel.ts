import type { Contact, Tx } from "../db/index.js";
import type { ParentOutbound } from "../outbound/outbound-message.js";
import { parentChatKey, recordOutbound } from "../outbound/record-outbound.js";
import type { Effects } from "./intake-deps.js";

/**
 * Queues a message to the parent on their own channel (private chat: the chat id is the
 * user id on both Telegram and VK) and notes it in the operation's effects. Nothing is
 * queued for a parent who blocked the bot (returns false): sends to them stop until they
 * write again or unblock it.
 */
export async function sendToParent(
  tx: Tx,
  effects: Effects,
  contact: Pick<Contact, "channel" | "externalId"> & { blockedAt?: Date | null },
  payload: ParentOutbound,
  options: { ticketId?: number; messageId?: number; dedupeKey?: string; notBefore?: Date } = {},
): Promise<boolean> {
  if (contact.blockedAt) return false;
  const id = await recordOutbound(tx, {
    channel: contact.channel,
    chatKey: parentChatKey(contact.channel, contact.externalId),
    payload,
    ...options,
  });
  if (id !== null) effects.outboxIds.push(id);
  return true;
}
