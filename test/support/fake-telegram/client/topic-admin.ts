import type { ForumTopic } from "grammy/types";
import type { FakeEnv } from "../env.js";
import type { GroupChatRecord, TopicRecord } from "../state/chats.js";
import { addTopicServiceMessage, createTopic, removeTopic, topicObject } from "../topics.js";
import { accountId, type Account } from "./setup.js";

/** Who acts when a test does not say: the first person who runs the group. */
function defaultActor(env: FakeEnv, chat: GroupChatRecord): number {
  const people = [...chat.members.entries()].filter(([id]) => !env.bots.byId(id));
  const admin = people.find(([, m]) => m.status === "creator" || m.status === "administrator");
  const anyone = admin ?? people[0];
  if (!anyone) throw new Error(`fake-telegram: chat ${chat.id} has no people in it; pass \`by\``);
  return anyone[0];
}

function actor(env: FakeEnv, chat: GroupChatRecord, by: Account | undefined): number {
  return by === undefined ? defaultActor(env, chat) : accountId(env, by);
}

function liveTopic(env: FakeEnv, chatId: number, threadId: number): TopicRecord {
  const topic = env.world.chats.group(chatId).topics.get(threadId);
  if (!topic || topic.deleted)
    throw new Error(`fake-telegram: no topic ${threadId} in chat ${chatId}`);
  return topic;
}

/** A person creates a topic in the Telegram app. */
export function createTopicAs(
  env: FakeEnv,
  chatId: number,
  name: string,
  by?: Account,
): ForumTopic {
  const chat = env.world.chats.group(chatId);
  if (!chat.isForum) throw new Error(`fake-telegram: chat ${chatId} is not a forum`);
  return topicObject(createTopic(env, chat, { name, creator: actor(env, chat, by) }));
}

/** A person closes or reopens a topic (bots get the service message). */
export function setTopicClosed(
  env: FakeEnv,
  change: { chatId: number; threadId: number; closed: boolean; by?: Account | undefined },
): void {
  const topic = liveTopic(env, change.chatId, change.threadId);
  if (topic.closed === change.closed) return;
  topic.closed = change.closed;
  const chat = env.world.chats.group(change.chatId);
  const content = change.closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} };
  addTopicServiceMessage(env, chat, topic, actor(env, chat, change.by), content);
}

/** A person deletes a topic with all its messages (Telegram sends no update for it). */
export function deleteTopicAs(env: FakeEnv, chatId: number, threadId: number): void {
  removeTopic(env, env.world.chats.group(chatId), liveTopic(env, chatId, threadId));
}
