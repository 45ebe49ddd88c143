import type { EventDelivery } from "./event-delivery.js";
import { toSentMessage } from "./sent-messages.js";
import type { DeliveredEvent, MessagesDenial, SentMessage, UserRecord } from "./types.js";
import {
  userPressesButton,
  userPressesCallbackButton,
  userSendsMessage,
  type SendMessageOptions,
} from "./user-actions.js";
import type { FakeVkWorld } from "./world.js";

/** A VK user played by the test. Every action resolves once the event is delivered. */
export interface FakeVkUser {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  /** Writes to the community (message_new); text may be "" when attachments are given. */
  sendMessage(text: string, options?: SendMessageOptions): Promise<DeliveredEvent>;
  /**
   * Presses the button labelled `label` on the newest community message to this user
   * that has one (text button: message_new with its payload; callback button:
   * message_event). Throws when no such button was sent.
   */
  pressButton(label: string): Promise<DeliveredEvent>;
  /** A message_event with any payload, for hand-made callback presses. */
  pressCallbackButton(
    payload: unknown,
    options?: { conversationMessageId?: number },
  ): Promise<DeliveredEvent>;
  /** From now on messages.send to this user fails with 901 ("permission") or 902 ("privacy"). */
  forbidMessages(reason?: MessagesDenial): void;
  /** Lifts forbidMessages. */
  allowMessages(): void;
  /** Messages the community sent to this user, oldest first. */
  receivedMessages(): SentMessage[];
}

/** Builds the test-side handle of one user. */
export function createFakeVkUser(
  world: FakeVkWorld,
  delivery: EventDelivery,
  record: UserRecord,
): FakeVkUser {
  const scope = { world, delivery, userId: record.id };
  return {
    id: record.id,
    firstName: record.firstName,
    lastName: record.lastName,
    sendMessage: (text, options) => userSendsMessage(scope, text, options),
    pressButton: (label) => userPressesButton(scope, label),
    pressCallbackButton: (payload, options) =>
      userPressesCallbackButton(scope, payload, options?.conversationMessageId),
    forbidMessages: (reason = "permission") => {
      record.denial = reason;
    },
    allowMessages: () => {
      record.denial = undefined;
    },
    receivedMessages: () =>
      world.state
        .conversation(record.id)
        .filter((message) => message.out === 1)
        .map(toSentMessage),
  };
}
