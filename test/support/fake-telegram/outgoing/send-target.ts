import type { Message } from "grammy/types";
import { badRequest, forbidden } from "../api-error.js";
import type { BotAccount } from "../bots.js";
import type { MethodContext } from "../env.js";
import {
  isPresent,
  type ChatRecord,
  type GroupChatRecord,
  type TopicRecord,
} from "../state/chats.js";
import type { Dialog } from "../state/messages.js";

/** Where a bot's message goes: chat, history, topic and the message it answers. */
export interface SendTarget {
  chat: ChatRecord;
  dialog: Dialog;
  threadId?: number;
  topic?: TopicRecord;
  replyTo?: Message;
}

/** The thread and reply parameters every send method shares. */
export interface TargetParams {
  chat_id: number | string;
  message_thread_id?: number | undefined;
  reply_to_message_id?: number | undefined;
  allow_sending_without_reply?: boolean | undefined;
  reply_parameters?:
    { message_id: number; allow_sending_without_reply?: boolean | undefined } | undefined;
}

/** Finds the chat a `chat_id` names, as this bot may see it: 400 "chat not found" otherwise. */
export function resolveChat(ctx: MethodContext, chatId: number | string): ChatRecord {
  const chat = ctx.env.world.chats.resolve(chatId);
  if (!chat) throw badRequest("chat not found");
  if (chat.kind === "private" && !knowsPerson(ctx, chat.id)) throw badRequest("chat not found");
  return chat;
}

/** A bot knows a person who wrote to it or who shares a group with it. */
function knowsPerson(ctx: MethodContext, userId: number): boolean {
  const chat = ctx.env.world.chats.get(userId);
  if (chat?.kind === "private" && chat.startedBots.has(ctx.bot.user.id)) return true;
  return ctx.env.world.chats
    .groupsOf(userId)
    .some((g) => isPresent(g.members.get(ctx.bot.user.id)?.status));
}

/** Refuses writes Telegram refuses: blocked by the user, never started, not in the group. */
export function assertCanWrite(bot: BotAccount, chat: ChatRecord): void {
  if (chat.kind === "private") {
    if (chat.blockedBots.has(bot.user.id)) throw forbidden("bot was blocked by the user");
    if (!chat.startedBots.has(bot.user.id))
      throw forbidden("bot can't initiate conversation with a user");
    return;
  }
  assertMember(bot, chat);
}

/** The bot must be in the group: 403 "bot is not a member" / "bot was kicked". */
export function assertMember(bot: BotAccount, chat: GroupChatRecord): void {
  const status = chat.members.get(bot.user.id)?.status;
  const kind = chat.kind === "supergroup" ? "supergroup" : "group";
  if (status === "kicked") throw forbidden(`bot was kicked from the ${kind} chat`);
  if (!isPresent(status)) throw forbidden(`bot is not a member of the ${kind} chat`);
}

/**
 * Resolves chat, permission, forum topic and reply target for a send, with Telegram's
 * errors: "message thread not found" for a missing or deleted topic, "TOPIC_CLOSED" for a
 * closed one, "message to be replied not found" for a missing reply target.
 */
export function resolveSendTarget(ctx: MethodContext, params: TargetParams): SendTarget {
  const chat = resolveChat(ctx, params.chat_id);
  assertCanWrite(ctx.bot, chat);
  const dialog = ctx.env.world.messages.dialog(chat, ctx.bot.user.id);
  const replyTo = resolveReply(dialog, params);
  const threadId = params.message_thread_id || replyThread(chat, replyTo);
  const target: SendTarget = { chat, dialog };
  if (replyTo) target.replyTo = replyTo;
  if (!threadId || chat.kind === "private") return target;
  target.threadId = threadId;
  if (chat.kind === "supergroup" && chat.isForum) {
    const topic = chat.topics.get(threadId);
    if (!topic || topic.deleted) throw badRequest("message thread not found");
    if (topic.closed) throw badRequest("TOPIC_CLOSED");
    target.topic = topic;
  } else if (!dialog.get(threadId)) {
    throw badRequest("message thread not found");
  }
  return target;
}

/** A reply to a message inside a topic goes to that topic. */
function replyThread(chat: ChatRecord, replyTo: Message | undefined): number | undefined {
  if (chat.kind !== "supergroup" || !chat.isForum || !replyTo?.is_topic_message) return undefined;
  return replyTo.message_thread_id;
}

function resolveReply(dialog: Dialog, params: TargetParams): Message | undefined {
  const messageId = params.reply_parameters?.message_id ?? params.reply_to_message_id;
  if (!messageId) return undefined;
  const message = dialog.get(messageId);
  if (message) return message;
  const allow =
    params.reply_parameters?.allow_sending_without_reply ?? params.allow_sending_without_reply;
  if (allow) return undefined;
  throw badRequest("message to be replied not found");
}
