import type { Message } from "grammy/types";
import { CallbackStore } from "./callbacks.js";
import { ChatDirectory } from "./chats.js";
import { FileStore } from "./files.js";
import { MessageStore } from "./messages.js";
import { UserDirectory } from "./users.js";

/** A reaction a bot set on a message (setMessageReaction). */
export interface ReactionRecord {
  botId: number;
  chatId: number;
  messageId: number;
  reaction: unknown[];
  isBig: boolean;
  at: number;
}

/** A chat action a bot sent (sendChatAction). */
export interface ChatActionRecord {
  botId: number;
  chatId: number;
  threadId?: number;
  action: string;
  at: number;
}

/** Everything the fake Telegram knows: accounts, chats, histories, files, queries. */
export class World {
  readonly users = new UserDirectory();
  readonly chats = new ChatDirectory();
  readonly messages = new MessageStore();
  readonly files = new FileStore();
  readonly callbacks = new CallbackStore();
  readonly reactions: ReactionRecord[] = [];
  readonly chatActions: ChatActionRecord[] = [];
  private mediaGroups = 0;

  /** A fresh media_group_id (Telegram's look like long decimal strings). */
  newMediaGroupId(): string {
    this.mediaGroups += 1;
    return String(13_000_000_000_000_000 + this.mediaGroups);
  }
}

/** A message some bot sent, with what the test needs to find it again. */
export interface SentRecord {
  token: string;
  botId: number;
  method: string;
  chatId: number;
  threadId?: number;
  message: Message;
  at: number;
}
