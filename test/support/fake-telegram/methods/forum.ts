import type { ForumTopic, Message } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";
import { characterCount } from "../entities/formatted-text.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { assertMember, resolveChat } from "../outgoing/send-target.js";
import { chatId, int, parseParams, str } from "../params.js";
import type { GroupChatRecord, TopicRecord } from "../state/chats.js";
import { addTopicServiceMessage, createTopic, removeTopic, topicObject } from "../topics.js";

/** The six colours Telegram allows for topic icons. */
const ICON_COLORS = new Set([0x6fb9f0, 0xffd67e, 0xcb86db, 0x8eee98, 0xff93b2, 0xfb6f5f]);

function forumChat(ctx: MethodContext, id: number | string): GroupChatRecord {
  const chat = resolveChat(ctx, id);
  if (chat.kind !== "supergroup" || !chat.isForum) throw badRequest("the chat is not a forum");
  assertMember(ctx.bot, chat);
  return chat;
}

function rightsOf(ctx: MethodContext, chat: GroupChatRecord) {
  const member = chat.members.get(ctx.bot.user.id);
  const admin = member?.status === "administrator" || member?.status === "creator";
  return {
    manageTopics: admin && member.rights.canManageTopics,
    deleteMessages: admin && member.rights.canDeleteMessages,
  };
}

/** A live topic of the forum; deleted and unknown ones are "message thread not found". */
function liveTopic(chat: GroupChatRecord, threadId: number): TopicRecord {
  const topic = chat.topics.get(threadId);
  if (!topic || topic.deleted) throw badRequest("message thread not found");
  return topic;
}

function checkName(name: string): void {
  const length = characterCount(name);
  if (length < 1 || length > 128) throw badRequest("TOPIC_NAME_INVALID");
}

function createForumTopic(ctx: MethodContext): ForumTopic {
  const schema = z.object({
    chat_id: chatId(),
    name: str().default(""),
    icon_color: int().optional(),
    icon_custom_emoji_id: str().optional(),
  });
  const params = parseParams(schema, ctx.params);
  const chat = forumChat(ctx, params.chat_id);
  checkName(params.name);
  if (params.icon_color !== undefined && !ICON_COLORS.has(params.icon_color))
    throw badRequest("TOPIC_ICON_COLOR_INVALID");
  if (!rightsOf(ctx, chat).manageTopics) throw badRequest("not enough rights to create a topic");
  const topic = createTopic(ctx.env, chat, {
    name: params.name,
    creator: ctx.bot.user.id,
    iconColor: params.icon_color,
    iconCustomEmojiId: params.icon_custom_emoji_id,
  });
  return topicObject(topic);
}

const threadParams = { chat_id: chatId(), message_thread_id: int() };

/** The bot may manage topics it created, or any with the can_manage_topics right. */
function manageableTopic(ctx: MethodContext, raw: Record<string, unknown>) {
  const params = parseParams(z.object(threadParams), raw);
  const chat = forumChat(ctx, params.chat_id);
  const topic = liveTopic(chat, params.message_thread_id);
  if (topic.creatorId !== ctx.bot.user.id && !rightsOf(ctx, chat).manageTopics) {
    throw badRequest("not enough rights to manage topics");
  }
  return { chat, topic };
}

function editForumTopic(ctx: MethodContext): true {
  const params = parseParams(
    z.object({ name: str().optional(), icon_custom_emoji_id: str().optional() }),
    ctx.params,
  );
  const { chat, topic } = manageableTopic(ctx, ctx.params);
  const edited: { name?: string; icon_custom_emoji_id?: string } = {};
  if (params.name) {
    checkName(params.name);
    if (params.name !== topic.name) edited.name = params.name;
  }
  if (
    params.icon_custom_emoji_id !== undefined &&
    params.icon_custom_emoji_id !== (topic.iconCustomEmojiId ?? "")
  ) {
    edited.icon_custom_emoji_id = params.icon_custom_emoji_id;
  }
  if (Object.keys(edited).length === 0) throw badRequest("TOPIC_NOT_MODIFIED");
  if (edited.name !== undefined) topic.name = edited.name;
  if (edited.icon_custom_emoji_id !== undefined)
    topic.iconCustomEmojiId = edited.icon_custom_emoji_id;
  addTopicServiceMessage(ctx.env, chat, topic, ctx.bot.user.id, { forum_topic_edited: edited });
  return true;
}

function setClosed(closed: boolean): MethodHandler {
  return (ctx: MethodContext): true => {
    const { chat, topic } = manageableTopic(ctx, ctx.params);
    if (topic.closed === closed) throw badRequest("TOPIC_NOT_MODIFIED");
    topic.closed = closed;
    const content: Partial<Message> = closed
      ? { forum_topic_closed: {} }
      : { forum_topic_reopened: {} };
    addTopicServiceMessage(ctx.env, chat, topic, ctx.bot.user.id, content);
    return true;
  };
}

/** Deleting needs can_delete_messages; the topic and all its messages disappear. */
function deleteForumTopic(ctx: MethodContext): true {
  const params = parseParams(z.object(threadParams), ctx.params);
  const chat = forumChat(ctx, params.chat_id);
  const topic = liveTopic(chat, params.message_thread_id);
  if (!rightsOf(ctx, chat).deleteMessages) throw badRequest("not enough rights to delete a topic");
  removeTopic(ctx.env, chat, topic);
  return true;
}

/** Forum topic management in supergroups with topics on. */
export const forumMethods: Record<string, MethodHandler> = {
  createForumTopic,
  editForumTopic,
  closeForumTopic: setClosed(true),
  reopenForumTopic: setClosed(false),
  deleteForumTopic,
};
