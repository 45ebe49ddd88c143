import { VkApiError, invalidParam } from "../api-error.js";
import { intList, optionalInt } from "../params.js";
import type { StoredMessage, VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";
import { readMessageContent, type MessageContent } from "./message-content.js";

const CHAT_PEER_BASE = 2_000_000_000;

/** Refuses a peer the community may not write to (chats, unknown users, denials). */
function assertCanWrite(world: FakeVkWorld, peerId: number): void {
  if (peerId >= CHAT_PEER_BASE) throw new VkApiError(917);
  if (peerId <= 0) throw invalidParam("peer_id is invalid");
  const user = world.state.users.get(peerId);
  // A user VK has never seen allow the community has not allowed messages either.
  if (user === undefined || user.denial === "permission") throw new VkApiError(901);
  if (user.denial === "privacy") throw new VkApiError(902);
}

/**
 * Stores one message, or returns the one already sent with this random_id: a resend
 * with the same key is answered with the original id and stores nothing (random_id 0
 * disables the check, as in VK).
 */
function deliver(
  world: FakeVkWorld,
  peerId: number,
  randomId: number,
  content: MessageContent,
): StoredMessage {
  const earlier = randomId === 0 ? undefined : world.state.messageByRandomId(peerId, randomId);
  if (earlier !== undefined) return earlier;
  assertCanWrite(world, peerId);
  return world.state.addMessage({
    peerId,
    fromId: -world.settings.groupId,
    out: 1,
    date: world.now(),
    text: content.text,
    randomId,
    attachmentRefs: content.attachmentRefs,
    attachments: content.attachments,
    keyboard: content.keyboard,
    payload: content.payload,
    previousTexts: [],
  });
}

/** One item of the `peer_ids` answer; 901/902/917 become a per-peer `error`. */
function deliverItem(
  world: FakeVkWorld,
  peerId: number,
  randomId: number,
  content: MessageContent,
): Record<string, unknown> {
  try {
    const message = deliver(world, peerId, randomId, content);
    return {
      peer_id: peerId,
      message_id: message.id,
      conversation_message_id: message.conversationMessageId,
    };
  } catch (error) {
    if (!(error instanceof VkApiError) || world.settings.peerIdsErrors === "top-level") throw error;
    return { peer_id: peerId, error: { code: error.code, description: error.message } };
  }
}

function readRandomId(params: VkParams): number {
  const randomId = optionalInt(params, "random_id");
  if (randomId === undefined) throw invalidParam("random_id is a required parameter");
  return randomId;
}

/**
 * messages.send. With `peer_id` (or `user_id`) it returns the message id; with
 * `peer_ids` it returns `[{peer_id, message_id, conversation_message_id}]`, which is
 * what vk-io's context.send uses inside update contexts.
 */
export function messagesSend(world: FakeVkWorld, params: VkParams): unknown {
  const randomId = readRandomId(params);
  const content = readMessageContent(world, params);
  if (params.peer_ids !== undefined) {
    const peerIds = intList(params, "peer_ids");
    if (peerIds.length === 0 || peerIds.length > 100) throw invalidParam("peer_ids is invalid");
    return peerIds.map((peerId) => deliverItem(world, peerId, randomId, content));
  }
  const peerId = optionalInt(params, "peer_id") ?? optionalInt(params, "user_id");
  if (peerId === undefined) {
    throw invalidParam("you should specify peer_id, user_id, domain, chat_id or user_ids param");
  }
  return deliver(world, peerId, randomId, content).id;
}
