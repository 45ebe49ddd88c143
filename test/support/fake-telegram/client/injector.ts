import type { Message, Update, User } from "grammy/types";
import type { BotAccount } from "../bots.js";
import { detectEntities } from "../entities/auto-detect.js";
import {
  deliverUpdate,
  editedMessageUpdate,
  messageUpdate,
  unixTime,
  type FakeEnv,
} from "../env.js";
import { fileIdsOf } from "../media-objects.js";
import { envelope, type MessageContent } from "../outgoing/compose.js";
import type { SendTarget } from "../outgoing/send-target.js";
import { isPresent, type ChatRecord } from "../state/chats.js";
import type { Dialog } from "../state/messages.js";
import { deliverToGroupBots } from "../topics.js";

/**
 * Where a person writes: a bot token means their private chat with that bot; a number is
 * a group chat id; the object form adds a forum topic.
 */
export type ChatTarget = string | number | { chatId: number; threadId?: number };

/** Options every injected message accepts. */
export interface MessageOptions {
  /** Forum topic (message_thread_id) to write in. */
  threadId?: number;
  /** The message this one replies to (a Message or its id in the same chat). */
  replyTo?: Message | number;
  /** Shared by the items of an album. */
  mediaGroupId?: string;
}

/** What an injection produced: the stored message and the update(s) queued for bots. */
export interface Injected {
  message: Message;
  /** The first update queued (undefined when no bot receives the message). */
  update: Update | undefined;
  /** One update per receiving bot (several bots in a group each get their own). */
  updates: Update[];
}

type UpdateKind = "message" | "edited_message";

interface Placement {
  chat: ChatRecord;
  dialog: Dialog;
  bot?: BotAccount;
  target: SendTarget;
}

/** Resolves where a person's message lands; misuse is a test bug and throws. */
function place(env: FakeEnv, from: User, to: ChatTarget, options: MessageOptions): Placement {
  if (typeof to === "string") {
    const bot = env.bots.get(to);
    const chat = env.world.chats.privateOf(from.id);
    // Writing to a bot (re)starts the dialog, and lifts a block, as "Restart bot" does.
    chat.startedBots.add(bot.user.id);
    chat.blockedBots.delete(bot.user.id);
    const dialog = env.world.messages.dialog(chat, bot.user.id);
    return { chat, dialog, bot, target: withReply({ chat, dialog }, dialog, options.replyTo) };
  }
  const chatId = typeof to === "number" ? to : to.chatId;
  const threadId = typeof to === "number" ? options.threadId : (to.threadId ?? options.threadId);
  const chat = env.world.chats.group(chatId);
  const member = chat.members.get(from.id);
  if (!isPresent(member?.status))
    throw new Error(`fake-telegram: user ${from.id} is not a member of chat ${chatId}`);
  const dialog = env.world.messages.dialog(chat, 0);
  const target = withReply({ chat, dialog }, dialog, options.replyTo);
  const thread =
    threadId ?? (target.replyTo?.is_topic_message ? target.replyTo.message_thread_id : undefined);
  if (thread !== undefined) {
    target.threadId = thread;
    const topic = chat.topics.get(thread);
    if (chat.isForum) {
      if (!topic || topic.deleted)
        throw new Error(`fake-telegram: no topic ${thread} in chat ${chatId}`);
      target.topic = topic;
    }
  }
  return { chat, dialog, target };
}

/** Bots that can read a message in this place (and so use its files). */
function readers(env: FakeEnv, placement: Placement): number[] {
  if (placement.bot) return [placement.bot.user.id];
  if (placement.chat.kind === "private") return [];
  const ids: number[] = [];
  for (const [id, member] of placement.chat.members)
    if (env.bots.byId(id) && isPresent(member.status)) ids.push(id);
  return ids;
}

function withReply(
  target: SendTarget,
  dialog: Dialog,
  replyTo: Message | number | undefined,
): SendTarget {
  if (replyTo === undefined) return target;
  const id = typeof replyTo === "number" ? replyTo : replyTo.message_id;
  const message = dialog.get(id);
  if (!message) throw new Error(`fake-telegram: no message ${id} to reply to`);
  return { ...target, replyTo: message };
}

/** Stores a person's message and queues it for the bot(s) that see it. */
export function injectMessage(
  env: FakeEnv,
  from: User,
  to: ChatTarget,
  content: MessageContent,
  options: MessageOptions = {},
): Injected {
  const placement = place(env, from, to, options);
  const message: Message = {
    ...envelope(env, placement.target, placement.dialog.allocateId()),
    from: { ...from },
    ...content,
  };
  if (options.mediaGroupId) message.media_group_id = options.mediaGroupId;
  placement.dialog.put(message);
  env.world.files.grant(fileIdsOf(message), readers(env, placement));
  return { message, ...deliver(env, placement, from, message, "message") };
}

/** Text with the entities Telegram detects (a leading "/start" becomes a bot_command). */
export function textContent(text: string): MessageContent {
  const entities = detectEntities(text, []);
  return entities.length > 0 ? { text, entities } : { text };
}

function deliver(
  env: FakeEnv,
  placement: Placement,
  from: User,
  message: Message,
  kind: UpdateKind,
) {
  let updates: Update[] = [];
  if (placement.bot) {
    const body = kind === "message" ? messageUpdate(message) : editedMessageUpdate(message);
    const update = deliverUpdate(placement.bot, body);
    if (update) updates = [update];
  } else if (placement.chat.kind !== "private") {
    updates = deliverToGroupBots(env, placement.chat, message, from.id, kind);
  }
  return { update: updates[0], updates };
}

/** Finds the history that holds a message: the group's, or the private chat with its bot. */
export function locate(
  env: FakeEnv,
  message: Message,
): { chat: ChatRecord; dialog: Dialog; bot?: BotAccount } {
  const chat = env.world.chats.get(message.chat.id);
  if (!chat) throw new Error(`fake-telegram: unknown chat ${message.chat.id}`);
  if (chat.kind !== "private") return { chat, dialog: env.world.messages.dialog(chat, 0) };
  const candidates = env.world.messages
    .privateDialogs(chat.id)
    .filter((d) => d.get(message.message_id)?.date === message.date);
  const botId = message.from?.is_bot ? message.from.id : undefined;
  const dialog = candidates.find((d) => botId === undefined || d.key === `${chat.id}@${botId}`);
  if (!dialog)
    throw new Error(`fake-telegram: message ${message.message_id} not found in chat ${chat.id}`);
  const bot = env.bots.byId(Number(dialog.key.split("@")[1]));
  return bot ? { chat, dialog, bot } : { chat, dialog };
}

/** A person edits their text message: the bot(s) get an edited_message update. */
export function injectEdit(env: FakeEnv, from: User, original: Message, text: string): Injected {
  const located = locate(env, original);
  const current = located.dialog.get(original.message_id);
  if (!current || current.from?.id !== from.id)
    throw new Error("fake-telegram: a user can only edit their own message");
  if (current.text === undefined)
    throw new Error("fake-telegram: only text messages can be edited by editText");
  const { entities: _old, ...rest } = current;
  const edited: Message = { ...rest, ...textContent(text), edit_date: unixTime(env) };
  located.dialog.put(edited);
  const placement: Placement = {
    ...located,
    target: { chat: located.chat, dialog: located.dialog },
  };
  return { message: edited, ...deliver(env, placement, from, edited, "edited_message") };
}
