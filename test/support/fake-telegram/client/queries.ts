import type { Message } from "grammy/types";
import type { FakeEnv } from "../env.js";
import type { SentRecord } from "../state/world.js";

/** Which bot-sent messages to return; every field narrows the selection. */
export interface SentFilter {
  /** Bot token. */
  token?: string;
  chatId?: number;
  /** Forum topic; `null` selects messages outside any topic. */
  threadId?: number | null;
  /** The method that produced them ("sendMessage", "copyMessage", ...). */
  method?: string;
}

/** Messages bots sent, in order, as the Bot API returned them at the time. */
export function sentRecords(env: FakeEnv, filter: SentFilter = {}): SentRecord[] {
  return env.sent.filter((record) => {
    if (filter.token !== undefined && record.token !== filter.token) return false;
    if (filter.chatId !== undefined && record.chatId !== filter.chatId) return false;
    if (filter.threadId === null && record.threadId !== undefined) return false;
    if (typeof filter.threadId === "number" && record.threadId !== filter.threadId) return false;
    if (filter.method !== undefined && record.method.toLowerCase() !== filter.method.toLowerCase())
      return false;
    return true;
  });
}

/** The text a message shows: its text, or its caption. */
export function visibleText(message: Message): string | undefined {
  return message.text ?? message.caption;
}

/**
 * The history holding a chat's messages as one bot sees it. Private chats have one history
 * per bot: pass the token unless only one bot ever talked to that person.
 */
export function dialogFor(env: FakeEnv, chatId: number, token?: string) {
  const chat = env.world.chats.get(chatId);
  if (!chat) throw new Error(`fake-telegram: unknown chat ${chatId}`);
  if (chat.kind !== "private") return env.world.messages.dialog(chat, 0);
  if (token !== undefined) return env.world.messages.dialog(chat, env.bots.get(token).user.id);
  const dialogs = env.world.messages.privateDialogs(chatId);
  if (dialogs.length === 1 && dialogs[0]) return dialogs[0];
  throw new Error(
    `fake-telegram: chat ${chatId} has ${dialogs.length} bot dialogs; pass the bot token`,
  );
}
