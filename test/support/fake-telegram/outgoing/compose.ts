import type { Message, User } from "grammy/types";
import type { BotAccount } from "../bots.js";
import { unixTime, type FakeEnv, type MethodContext } from "../env.js";
import { chatObject } from "../state/chats.js";
import { fileIdsOf } from "../media-objects.js";
import { asReplyTarget } from "../state/messages.js";
import type { SendTarget } from "./send-target.js";

/** What a message carries besides its envelope (id, date, chat, sender). */
export type MessageContent = Omit<Message, "message_id" | "date" | "chat">;

/** The bot as it appears in `from` of its own messages. */
export function botSender(bot: BotAccount): User {
  return {
    id: bot.user.id,
    is_bot: true,
    first_name: bot.user.first_name,
    username: bot.user.username,
  };
}

/**
 * Builds the envelope of a new message in a target: next id of the history, date, chat,
 * forum-topic fields, and reply_to_message (inside a topic Telegram points it at the topic's
 * creation message when the message answers nothing else).
 */
export function envelope(env: FakeEnv, target: SendTarget, messageId: number): Message {
  const message: Message = {
    message_id: messageId,
    date: unixTime(env),
    chat: chatObject(target.chat),
  };
  if (target.threadId !== undefined) {
    message.message_thread_id = target.threadId;
    if (target.topic) message.is_topic_message = true;
  }
  const replyTo =
    target.replyTo ?? (target.topic ? target.dialog.get(target.topic.threadId) : undefined);
  if (replyTo) message.reply_to_message = asReplyTarget(replyTo);
  return message;
}

/**
 * Stores a message the calling bot sends and records it for `sentMessages` and the rate
 * statistics. Returns the Message the Bot API answers with.
 */
export function commitBotMessage(
  ctx: MethodContext,
  target: SendTarget,
  content: MessageContent,
): Message {
  const { env, bot } = ctx;
  const message: Message = {
    ...envelope(env, target, target.dialog.allocateId()),
    from: botSender(bot),
    ...content,
  };
  target.dialog.put(message);
  env.world.files.grant(fileIdsOf(message), [bot.user.id]);
  const at = env.clock();
  const record = {
    token: bot.token,
    botId: bot.user.id,
    method: ctx.method,
    chatId: target.chat.id,
    message,
    at,
  };
  env.sent.push(target.threadId === undefined ? record : { ...record, threadId: target.threadId });
  env.limits.record(bot.token, target.chat.id, at);
  return message;
}
