import {
  envelope,
  messageEventObject,
  messageNewObject,
  newMessageEventId,
} from "./event-factory.js";
import type { EventDelivery } from "./event-delivery.js";
import { findButton } from "./sent-messages.js";
import type {
  DeliveredEvent,
  StoredMessage,
  UserAttachmentInput,
  VkKeyboardButton,
} from "./types.js";
import { storeUserAttachment } from "./user-attachments.js";
import type { FakeVkWorld } from "./world.js";

/** What a user action needs: the world, the delivery channel and who acts. */
export interface ActionScope {
  world: FakeVkWorld;
  delivery: EventDelivery;
  userId: number;
}

/** Extras of a user's message: attachments and a keyboard payload. */
export interface SendMessageOptions {
  attachments?: UserAttachmentInput[];
  /** Keyboard payload; a non-string value is JSON-encoded as VK clients do. */
  payload?: unknown;
}

function encodePayload(payload: unknown): string | undefined {
  return payload === undefined || typeof payload === "string" ? payload : JSON.stringify(payload);
}

function deliver(scope: ActionScope, type: string, object: Record<string, unknown>) {
  const { groupId, apiVersion } = scope.world.settings;
  return scope.delivery.deliver(envelope(type, object, groupId, apiVersion));
}

/** The user writes to the community: stores the message and delivers message_new. */
export function userSendsMessage(
  scope: ActionScope,
  text: string,
  options: SendMessageOptions = {},
): Promise<DeliveredEvent> {
  const { world, userId } = scope;
  const attachments = (options.attachments ?? []).map((a) => storeUserAttachment(world, userId, a));
  const message = world.state.addMessage({
    peerId: userId,
    fromId: userId,
    out: 0,
    date: world.now(),
    text,
    randomId: 0,
    attachmentRefs: [],
    attachments,
    keyboard: undefined,
    payload: encodePayload(options.payload),
    previousTexts: [],
  });
  return deliver(scope, "message_new", messageNewObject(message));
}

/** The user presses a callback button: delivers message_event and awaits an answer. */
export function userPressesCallbackButton(
  scope: ActionScope,
  payload: unknown,
  conversationMessageId?: number,
): Promise<DeliveredEvent> {
  const { world, userId } = scope;
  const eventId = newMessageEventId();
  world.state.messageEvents.set(eventId, { eventId, userId, peerId: userId });
  const cmid = conversationMessageId ?? world.state.lastMessageIn(userId)?.conversationMessageId;
  const object = messageEventObject({
    userId,
    peerId: userId,
    eventId,
    payload,
    conversationMessageId: cmid ?? 0,
  });
  return deliver(scope, "message_event", object);
}

function findPressable(
  world: FakeVkWorld,
  peerId: number,
  label: string,
): { message: StoredMessage; button: VkKeyboardButton } {
  const sent = world.state.conversation(peerId).filter((message) => message.out === 1);
  for (const message of sent.reverse()) {
    const button = findButton(message.keyboard, label);
    if (button !== undefined) return { message, button };
  }
  throw new Error(`fake-vk: no button "${label}" was sent to ${peerId}`);
}

/**
 * The user presses the button labelled `label` on the newest community message that
 * has one: a text button sends its label with its payload, a callback button sends
 * message_event with the payload parsed (VK delivers it as JSON, not as a string).
 */
export function userPressesButton(scope: ActionScope, label: string): Promise<DeliveredEvent> {
  const { message, button } = findPressable(scope.world, scope.userId, label);
  const { type, payload } = button.action;
  if (type === "text") return userSendsMessage(scope, label, { payload });
  if (type === "callback") {
    const parsed: unknown = payload === undefined ? {} : JSON.parse(payload);
    return userPressesCallbackButton(scope, parsed, message.conversationMessageId);
  }
  throw new Error(`fake-vk: a "${type}" button sends no event to the community`);
}
