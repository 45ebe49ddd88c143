import type { Message } from "grammy/types";
import type { ChatRecord } from "./chats.js";

/**
 * The message history one party sees. Group history is shared by everyone in the group;
 * a private chat has one history per bot (the person's chat with bot A is not their chat
 * with bot B, though both carry the person's id), and message ids count per history.
 */
export class Dialog {
  private nextId = 1;
  readonly messages = new Map<number, Message>();

  constructor(readonly key: string) {}

  allocateId(): number {
    return this.nextId++;
  }

  get(messageId: number): Message | undefined {
    return this.messages.get(messageId);
  }

  put(message: Message): void {
    this.messages.set(message.message_id, message);
  }

  delete(messageId: number): boolean {
    return this.messages.delete(messageId);
  }

  /** Messages in id order. */
  list(): Message[] {
    return [...this.messages.values()].sort((a, b) => a.message_id - b.message_id);
  }
}

/** All dialogs, keyed by chat and (for private chats) bot. */
export class MessageStore {
  private readonly dialogs = new Map<string, Dialog>();

  /** The dialog of a chat as seen by a bot; private chats need the bot id. */
  dialog(chat: ChatRecord, botId: number): Dialog {
    const key = chat.kind === "private" ? `${chat.id}@${botId}` : String(chat.id);
    let dialog = this.dialogs.get(key);
    if (!dialog) {
      dialog = new Dialog(key);
      this.dialogs.set(key, dialog);
    }
    return dialog;
  }

  /** Every private dialog of a person, to answer "which bot did they talk to". */
  privateDialogs(chatId: number): Dialog[] {
    return [...this.dialogs.values()].filter((d) => d.key.startsWith(`${chatId}@`));
  }
}

/**
 * A message as it appears in `reply_to_message`: Telegram never nests a further reply there.
 */
export function asReplyTarget(message: Message): Message & { reply_to_message: undefined } {
  const { reply_to_message: _nested, ...rest } = message;
  return { ...rest, reply_to_message: undefined };
}
