import type { MessageEventAnswer, StoredMessage, UserRecord } from "./types.js";

/** The one community the fake serves (the token's owner). */
export interface Community {
  id: number;
  name: string;
  screenName: string;
}

/** A callback-button press waiting for messages.sendMessageEventAnswer. */
export interface PendingMessageEvent {
  eventId: string;
  userId: number;
  peerId: number;
}

/**
 * Everything VK would know about one community: its users, conversations and messages.
 * Message ids are community-wide; conversation_message_id counts per peer, as in VK.
 */
export class FakeVkState {
  readonly users = new Map<number, UserRecord>();
  readonly messages: StoredMessage[] = [];
  readonly messageEvents = new Map<string, PendingMessageEvent>();
  readonly messageEventAnswers: MessageEventAnswer[] = [];
  private lastMessageId = 0;
  private readonly lastConversationMessageIds = new Map<number, number>();

  constructor(readonly community: Community) {}

  /** Stores a message, giving it the next message id and conversation_message_id. */
  addMessage(draft: Omit<StoredMessage, "id" | "conversationMessageId">): StoredMessage {
    this.lastMessageId += 1;
    const conversationMessageId = (this.lastConversationMessageIds.get(draft.peerId) ?? 0) + 1;
    this.lastConversationMessageIds.set(draft.peerId, conversationMessageId);
    const message: StoredMessage = { ...draft, id: this.lastMessageId, conversationMessageId };
    this.messages.push(message);
    return message;
  }

  messageById(id: number): StoredMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  messageByConversationId(peerId: number, cmid: number): StoredMessage | undefined {
    return this.messages.find((m) => m.peerId === peerId && m.conversationMessageId === cmid);
  }

  /** The community's message to `peerId` that carries `randomId`, for send idempotency. */
  messageByRandomId(peerId: number, randomId: number): StoredMessage | undefined {
    return this.messages.find((m) => m.out === 1 && m.peerId === peerId && m.randomId === randomId);
  }

  conversation(peerId: number): StoredMessage[] {
    return this.messages.filter((message) => message.peerId === peerId);
  }

  lastMessageIn(peerId: number): StoredMessage | undefined {
    return this.conversation(peerId).at(-1);
  }
}
