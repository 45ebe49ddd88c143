import { randomBytes } from "node:crypto";
import type { StoredMessage, VkEvent } from "./types.js";

/** What VK reports about the user's client: a modern app that supports every button type. */
export const CLIENT_INFO = {
  button_actions: [
    "text",
    "vkpay",
    "open_app",
    "location",
    "open_link",
    "callback",
    "intent_subscribe",
    "intent_unsubscribe",
  ],
  keyboard: true,
  inline_keyboard: true,
  carousel: true,
  lang_id: 0,
};

/** A fresh event id: VK's are 40-character hex hashes, unique per delivery. */
export function newEventId(): string {
  return randomBytes(20).toString("hex");
}

/** The id of a callback-button press (`object.event_id`), shorter than delivery ids in VK. */
export function newMessageEventId(): string {
  return randomBytes(6).toString("hex");
}

/** Wraps an event object in the envelope VK sends to Long Poll and Callback clients. */
export function envelope(
  type: string,
  object: Record<string, unknown>,
  groupId: number,
  apiVersion: string,
): VkEvent {
  return { type, object, group_id: groupId, event_id: newEventId(), v: apiVersion };
}

/** A message in API shape, as in message_new, messages.getById and friends. */
export function messageToApi(message: StoredMessage): Record<string, unknown> {
  return {
    date: message.date,
    from_id: message.fromId,
    id: message.id,
    out: message.out,
    version: message.id,
    attachments: message.attachments,
    conversation_message_id: message.conversationMessageId,
    fwd_messages: [],
    important: false,
    is_hidden: false,
    peer_id: message.peerId,
    random_id: message.randomId,
    text: message.text,
    ...(message.payload === undefined ? {} : { payload: message.payload }),
    ...(message.keyboard === undefined ? {} : { keyboard: message.keyboard }),
  };
}

/** The `object` of a message_new event. */
export function messageNewObject(message: StoredMessage): Record<string, unknown> {
  return { message: messageToApi(message), client_info: CLIENT_INFO };
}

/**
 * The `object` of a message_event (callback button press). Unlike message_new, VK
 * delivers this payload as a parsed JSON value, not as a string.
 */
export function messageEventObject(press: {
  userId: number;
  peerId: number;
  eventId: string;
  payload: unknown;
  conversationMessageId: number;
}): Record<string, unknown> {
  return {
    user_id: press.userId,
    peer_id: press.peerId,
    event_id: press.eventId,
    payload: press.payload,
    conversation_message_id: press.conversationMessageId,
  };
}
