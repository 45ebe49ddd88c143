import { VkApiError, invalidParam } from "../api-error.js";
import { optionalInt, requiredInt } from "../params.js";
import type { StoredMessage, VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";
import { readMessageContent } from "./message-content.js";

function findTarget(world: FakeVkWorld, params: VkParams): StoredMessage {
  const peerId = requiredInt(params, "peer_id");
  const messageId = optionalInt(params, "message_id");
  const cmid = optionalInt(params, "conversation_message_id") ?? optionalInt(params, "cmid");
  const message =
    messageId !== undefined
      ? world.state.messageById(messageId)
      : cmid !== undefined
        ? world.state.messageByConversationId(peerId, cmid)
        : undefined;
  if (message === undefined || message.peerId !== peerId) throw invalidParam("message not found");
  return message;
}

/**
 * messages.edit. The new content replaces the old one entirely: text, attachments and
 * keyboard that are not passed again are removed (vk-io's editMessage passes the
 * current text and attachments for that reason). Returns 1.
 */
export function messagesEdit(world: FakeVkWorld, params: VkParams): unknown {
  const message = findTarget(world, params);
  if (message.out !== 1) throw new VkApiError(920);
  const content = readMessageContent(world, params);
  message.previousTexts.push(message.text);
  message.text = content.text;
  message.attachmentRefs = content.attachmentRefs;
  message.attachments = content.attachments;
  message.keyboard = content.keyboard;
  return 1;
}
