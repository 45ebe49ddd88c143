import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeUser, type GroupHandle } from "./index.js";

const RELAY = "7401:relay";

let tg: FakeTelegram;
let api: Bot["api"];
let forum: GroupHandle;
let agent: FakeUser;

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: RELAY, username: "relay_bot" }] });
  api = new Bot(RELAY, { client: { apiRoot: tg.apiRoot } }).api;
  agent = tg.createUser({ first_name: "Агент" });
  forum = tg.createGroup({ title: "Поддержка", isForum: true, members: [RELAY, agent] });
});

afterAll(async () => {
  await tg.close();
});

describe("forum topics", () => {
  test("create -> send into it -> delete -> 'message thread not found'", async () => {
    const topic = await api.createForumTopic(forum.id, "Заявка №1");
    expect(topic).toMatchObject({ name: "Заявка №1", icon_color: 0x6fb9f0 });
    expect(Object.keys(topic).sort()).toEqual(["icon_color", "message_thread_id", "name"]);
    const threadId = topic.message_thread_id;
    const sent = await api.sendMessage(forum.id, "Карточка заявки", {
      message_thread_id: threadId,
    });
    expect(sent).toMatchObject({ message_thread_id: threadId, is_topic_message: true });
    expect(
      tg.history(forum.id, { threadId }).map((m) => m.text ?? m.forum_topic_created?.name),
    ).toEqual(["Заявка №1", "Карточка заявки"]);

    await api.deleteForumTopic(forum.id, threadId);
    await expect(
      api.sendMessage(forum.id, "ещё", { message_thread_id: threadId }),
    ).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message thread not found",
    });
    expect(tg.history(forum.id, { threadId })).toEqual([]);
  });

  test("a closed topic answers TOPIC_CLOSED until it is reopened", async () => {
    const { message_thread_id: threadId } = await api.createForumTopic(forum.id, "Заявка №2");
    tg.closeTopic(forum.id, threadId, agent);
    await expect(
      api.sendMessage(forum.id, "ответ", { message_thread_id: threadId }),
    ).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: TOPIC_CLOSED",
    });
    await api.reopenForumTopic(forum.id, threadId);
    await expect(
      api.sendMessage(forum.id, "ответ", { message_thread_id: threadId }),
    ).resolves.toMatchObject({
      message_thread_id: threadId,
    });
    await api.closeForumTopic(forum.id, threadId);
    await expect(api.closeForumTopic(forum.id, threadId)).rejects.toMatchObject({
      description: "Bad Request: TOPIC_NOT_MODIFIED",
    });
  });

  test("copyMessage puts a parent's message into a topic and answers only message_id", async () => {
    const parent = tg.createUser({ first_name: "Пётр" });
    const { message } = parent.sendDocument(RELAY, { fileName: "справка.pdf", caption: "Справка" });
    const { message_thread_id: threadId } = await api.createForumTopic(forum.id, "Заявка №3");
    const copied = await api.copyMessage(forum.id, parent.id, message.message_id, {
      message_thread_id: threadId,
      caption: "Справка от <b>Пётр</b>",
      parse_mode: "HTML",
    });
    expect(Object.keys(copied)).toEqual(["message_id"]);
    const stored = tg.message(forum.id, copied.message_id);
    expect(stored).toMatchObject({
      message_thread_id: threadId,
      is_topic_message: true,
      document: { file_name: "справка.pdf", mime_type: "application/pdf" },
      caption: "Справка от Пётр",
      caption_entities: [{ type: "bold", offset: 11, length: 4 }],
      reply_to_message: { message_id: threadId },
    });
  });

  test("an agent's message in a topic reaches the bot with thread fields; a reply keeps the thread", async () => {
    const { message_thread_id: threadId } = await api.createForumTopic(forum.id, "Заявка №4");
    const card = await api.sendMessage(forum.id, "Карточка", { message_thread_id: threadId });
    const { message, update } = agent.sendText(forum.id, "Добрый день!", { replyTo: card });
    expect(message).toMatchObject({ message_thread_id: threadId, is_topic_message: true });
    expect(update?.message?.reply_to_message?.message_id).toBe(card.message_id);
    const answer = await api.sendMessage(forum.id, "Принято", {
      reply_parameters: { message_id: message.message_id },
    });
    expect(answer.message_thread_id).toBe(threadId);
  });

  test("rules: not a forum, name length, rights, membership", async () => {
    const plain = tg.createGroup({ title: "Обычная", members: [RELAY] });
    await expect(api.createForumTopic(plain.id, "x")).rejects.toMatchObject({
      description: "Bad Request: the chat is not a forum",
    });
    await expect(api.createForumTopic(forum.id, "я".repeat(129))).rejects.toMatchObject({
      error_code: 400,
    });
    const weak = tg.createGroup({
      isForum: true,
      members: [{ account: RELAY, status: "administrator", rights: { canManageTopics: false } }],
    });
    await expect(api.createForumTopic(weak.id, "x")).rejects.toMatchObject({
      description: "Bad Request: not enough rights to create a topic",
    });
    tg.setMember(weak.id, RELAY, "kicked");
    await expect(api.sendMessage(weak.id, "x")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was kicked from the supergroup chat",
    });
  });

  test("getChatMember reports statuses the test sets", async () => {
    expect(await api.getChatMember(forum.id, agent.id)).toMatchObject({
      status: "member",
      user: { id: agent.id },
    });
    tg.setMember(forum.id, agent, "administrator");
    expect(await api.getChatMember(forum.id, agent.id)).toMatchObject({ status: "administrator" });
    tg.setMember(forum.id, agent, "left");
    expect(await api.getChatMember(forum.id, agent.id)).toMatchObject({ status: "left" });
    tg.setMember(forum.id, agent, "member");
  });
});
