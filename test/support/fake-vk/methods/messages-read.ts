import { messageToApi } from "../event-factory.js";
import { intList, requiredInt } from "../params.js";
import type { StoredMessage, VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";

function listOf(messages: (StoredMessage | undefined)[]): unknown {
  const items = messages.filter((m): m is StoredMessage => m !== undefined).map(messageToApi);
  return { count: items.length, items };
}

/** messages.getById: unknown ids are skipped, as VK does. */
export function messagesGetById(world: FakeVkWorld, params: VkParams): unknown {
  return listOf(intList(params, "message_ids").map((id) => world.state.messageById(id)));
}

/** messages.getByConversationMessageId (what vk-io's loadMessagePayload uses when id is 0). */
export function messagesGetByConversationMessageId(world: FakeVkWorld, params: VkParams): unknown {
  const peerId = requiredInt(params, "peer_id");
  const cmids = intList(params, "conversation_message_ids");
  return listOf(cmids.map((cmid) => world.state.messageByConversationId(peerId, cmid)));
}

/** `can_write` as VK reports it; the reason codes are the messages.send error codes. */
function canWrite(world: FakeVkWorld, peerId: number): Record<string, unknown> {
  const user = world.state.users.get(peerId);
  if (user === undefined || user.denial === "permission") return { allowed: false, reason: 901 };
  if (user.denial === "privacy") return { allowed: false, reason: 902 };
  return { allowed: true };
}

function conversationToApi(world: FakeVkWorld, peerId: number): Record<string, unknown> {
  const last = world.state.lastMessageIn(peerId);
  return {
    peer: { id: peerId, type: "user", local_id: peerId },
    last_message_id: last?.id ?? 0,
    last_conversation_message_id: last?.conversationMessageId ?? 0,
    in_read: last?.id ?? 0,
    out_read: last?.id ?? 0,
    is_marked_unread: false,
    important: false,
    can_write: canWrite(world, peerId),
  };
}

/** messages.getConversationsById: users the fake knows, with `can_write`. */
export function messagesGetConversationsById(world: FakeVkWorld, params: VkParams): unknown {
  const items = intList(params, "peer_ids")
    .filter((peerId) => world.state.users.has(peerId))
    .map((peerId) => conversationToApi(world, peerId));
  return { count: items.length, items };
}
