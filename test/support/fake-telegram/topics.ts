import type { ForumTopic, Message, Update } from "grammy/types";
import type { BotAccount } from "./bots.js";
import {
  deliverUpdate,
  editedMessageUpdate,
  messageUpdate,
  unixTime,
  type FakeEnv,
} from "./env.js";
import {
  chatObject,
  isPresent,
  type GroupChatRecord,
  type Membership,
  type TopicRecord,
} from "./state/chats.js";

/** Telegram's default topic icon colour. */
export const DEFAULT_ICON_COLOR = 0x6fb9f0;

/** The ForumTopic object the Bot API returns. */
export function topicObject(topic: TopicRecord): ForumTopic {
  const result: ForumTopic = {
    message_thread_id: topic.threadId,
    name: topic.name,
    icon_color: topic.iconColor,
  };
  if (topic.iconCustomEmojiId) result.icon_custom_emoji_id = topic.iconCustomEmojiId;
  return result;
}

/**
 * Creates a topic the way Telegram does: a forum_topic_created service message whose id
 * becomes the topic's message_thread_id, delivered to the group's other bots.
 */
export function createTopic(
  env: FakeEnv,
  chat: GroupChatRecord,
  init: {
    name: string;
    creator: number;
    iconColor?: number | undefined;
    iconCustomEmojiId?: string | undefined;
  },
): TopicRecord {
  const dialog = env.world.messages.dialog(chat, 0);
  const threadId = dialog.allocateId();
  const topic: TopicRecord = {
    threadId,
    name: init.name,
    iconColor: init.iconColor ?? DEFAULT_ICON_COLOR,
    creatorId: init.creator,
    closed: false,
    deleted: false,
  };
  if (init.iconCustomEmojiId) topic.iconCustomEmojiId = init.iconCustomEmojiId;
  chat.topics.set(threadId, topic);
  const created: Message["forum_topic_created"] = { name: topic.name, icon_color: topic.iconColor };
  if (topic.iconCustomEmojiId) created.icon_custom_emoji_id = topic.iconCustomEmojiId;
  storeServiceMessage(env, chat, threadId, topic, init.creator, { forum_topic_created: created });
  return topic;
}

/** Adds an edited/closed/reopened service message inside the topic. */
export function addTopicServiceMessage(
  env: FakeEnv,
  chat: GroupChatRecord,
  topic: TopicRecord,
  actorId: number,
  content: Partial<Message>,
): Message {
  const dialog = env.world.messages.dialog(chat, 0);
  return storeServiceMessage(env, chat, dialog.allocateId(), topic, actorId, content);
}

function storeServiceMessage(
  env: FakeEnv,
  chat: GroupChatRecord,
  messageId: number,
  topic: TopicRecord,
  actorId: number,
  content: Partial<Message>,
): Message {
  const dialog = env.world.messages.dialog(chat, 0);
  const message: Message = {
    message_id: messageId,
    date: unixTime(env),
    chat: chatObject(chat),
    message_thread_id: topic.threadId,
    is_topic_message: true,
    ...content,
  };
  const actor = env.world.users.get(actorId);
  if (actor) message.from = { ...actor };
  const creation = messageId === topic.threadId ? undefined : dialog.get(topic.threadId);
  if (creation) message.reply_to_message = { ...creation, reply_to_message: undefined };
  dialog.put(message);
  deliverToGroupBots(env, chat, message, actorId);
  return message;
}

/**
 * Queues a group message for every bot present in the group, except the sender. Bots never
 * see other bots' messages, and a bot in privacy mode that is not an admin sees only
 * commands, replies to itself, mentions and service messages.
 */
export function deliverToGroupBots(
  env: FakeEnv,
  chat: GroupChatRecord,
  message: Message,
  senderId: number,
  kind: "message" | "edited_message" = "message",
) {
  const updates: Update[] = [];
  if (env.bots.byId(senderId)) return updates;
  for (const [memberId, membership] of chat.members) {
    const bot = env.bots.byId(memberId);
    if (!bot || memberId === senderId || !isPresent(membership.status)) continue;
    if (!privacyAllows(bot, membership, message)) continue;
    const body = kind === "message" ? messageUpdate(message) : editedMessageUpdate(message);
    const update = deliverUpdate(bot, body);
    if (update) updates.push(update);
  }
  return updates;
}

function privacyAllows(bot: BotAccount, membership: Membership, message: Message): boolean {
  if (bot.user.can_read_all_group_messages) return true;
  if (membership.status === "administrator" || membership.status === "creator") return true;
  const text = message.text ?? message.caption ?? "";
  if (text.startsWith("/") || text.includes(`@${bot.user.username}`)) return true;
  if (message.reply_to_message?.from?.id === bot.user.id) return true;
  return message.text === undefined && message.caption === undefined && !hasContent(message);
}

function hasContent(message: Message): boolean {
  return Boolean(
    message.photo ??
    message.document ??
    message.video ??
    message.voice ??
    message.sticker ??
    message.location ??
    message.poll,
  );
}

/** Deletes a topic with every message in it (no update is sent for deletions). */
export function removeTopic(env: FakeEnv, chat: GroupChatRecord, topic: TopicRecord): void {
  topic.deleted = true;
  const dialog = env.world.messages.dialog(chat, 0);
  for (const message of dialog.list()) {
    if (message.message_thread_id === topic.threadId || message.message_id === topic.threadId) {
      dialog.delete(message.message_id);
    }
  }
}
