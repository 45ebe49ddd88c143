import { Telegraf } from "telegraf";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeUser, type GroupHandle } from "./index.js";

const PARENTS = "7301:parents";
const RELAY = "7302:relay";

let tg: FakeTelegram;
let relay: Telegraf;
let staff: GroupHandle;
let agent: FakeUser;
const seen: string[] = [];

/** A relay bot shaped like ours: /ticket opens a topic, topic messages are acknowledged. */
function buildRelay(apiRoot: string, staffChatId: number): Telegraf {
  const bot = new Telegraf(RELAY, { telegram: { apiRoot } });
  bot.command("ticket", async (ctx) => {
    const topic = await ctx.telegram.createForumTopic(staffChatId, "Заявка №42 · Бронирование");
    await ctx.telegram.sendMessage(staffChatId, "Новая заявка", {
      message_thread_id: topic.message_thread_id,
      reply_markup: { inline_keyboard: [[{ text: "Решено", callback_data: "resolve:42" }]] },
    });
  });
  bot.action(/^resolve:(\d+)$/, async (ctx) => {
    await ctx.answerCbQuery("Заявка закрыта");
  });
  bot.command("photo", async (ctx) => {
    await ctx.replyWithPhoto(
      { source: Buffer.from("png bytes"), filename: "chart.png" },
      { caption: "График" },
    );
  });
  bot.on("message", async (ctx) => {
    seen.push("text" in ctx.message ? ctx.message.text : "");
    if (ctx.message.is_topic_message) await ctx.reply("Передано родителю");
  });
  return bot;
}

beforeAll(async () => {
  tg = await startFakeTelegram({
    bots: [
      { token: PARENTS, username: "navigator_bot" },
      { token: RELAY, username: "navigator_relay_bot" },
    ],
  });
  agent = tg.createUser({ first_name: "Оператор", username: "operator_1" });
  staff = tg.createGroup({
    title: "Поддержка",
    isForum: true,
    members: [RELAY, { account: agent, status: "administrator" }],
  });
  relay = buildRelay(tg.apiRoot, staff.id);
  await new Promise<void>((resolve, reject) => {
    relay.launch(() => resolve()).catch(reject);
  });
});

afterAll(async () => {
  relay.stop("test over");
  await tg.close();
});

describe("Telegraf launch() against the fake", () => {
  test("a command opens a forum topic and posts into it with an inline keyboard", async () => {
    agent.sendText(staff.id, "/ticket");
    const [posted] = await tg.waitForSent({ chatId: staff.id, token: RELAY });
    const threadId = posted?.message_thread_id ?? 0;
    expect(tg.topic(staff.id, threadId)?.name).toBe("Заявка №42 · Бронирование");
    expect(posted).toMatchObject({
      chat: { id: staff.id, type: "supergroup", title: "Поддержка", is_forum: true },
      is_topic_message: true,
      text: "Новая заявка",
      reply_to_message: {
        message_id: threadId,
        forum_topic_created: { name: "Заявка №42 · Бронирование" },
      },
    });
  });

  test("an agent writing in the topic reaches the relay, and ctx.reply stays in the topic", async () => {
    const threadId = tg.sentMessages({ chatId: staff.id, token: RELAY })[0]?.message_thread_id ?? 0;
    const { message } = agent.sendText({ chatId: staff.id, threadId }, "Здравствуйте! Проверяем.");
    expect(message).toMatchObject({ message_thread_id: threadId, is_topic_message: true });
    const [reply] = await tg
      .waitForSent({ chatId: staff.id, threadId, method: "sendMessage", count: 2 })
      .then((m) => m.slice(1));
    expect(reply).toMatchObject({
      text: "Передано родителю",
      message_thread_id: threadId,
      is_topic_message: true,
    });
    expect(seen.at(-1)).toBe("Здравствуйте! Проверяем.");
  });

  test("a button press in the group is answered through answerCbQuery", async () => {
    const [card] = tg.sentMessages({ chatId: staff.id, token: RELAY });
    if (!card) throw new Error("card expected");
    const press = agent.clickButton(card, "resolve:42");
    await tg.waitFor(() => press.answer());
    expect(press.answer()).toMatchObject({ text: "Заявка закрыта" });
  });

  test("Telegraf's multipart upload ({ source: Buffer }) is stored and downloadable", async () => {
    const parent = tg.createUser();
    parent.sendText(RELAY, "/photo");
    const [photo] = await tg.waitForSent({ chatId: parent.id, token: RELAY });
    expect(photo?.caption).toBe("График");
    const fileId = photo?.photo?.at(-1)?.file_id ?? "";
    const link = await relay.telegram.getFileLink(fileId);
    const download = await fetch(link);
    expect(await download.text()).toBe("png bytes");
  });

  test("the relay copies a parent's photo from its private chat into the topic", async () => {
    const threadId = tg.sentMessages({ chatId: staff.id, token: RELAY })[0]?.message_thread_id ?? 0;
    const parent = tg.createUser({ first_name: "Мария" });
    const { message } = parent.sendPhoto(RELAY, { caption: "скриншот" });
    const copy = await relay.telegram.copyMessage(staff.id, parent.id, message.message_id, {
      message_thread_id: threadId,
    });
    const stored = tg.message(staff.id, copy.message_id);
    expect(stored).toMatchObject({
      message_thread_id: threadId,
      is_topic_message: true,
      caption: "скриншот",
    });
    expect(stored?.photo?.at(-1)?.file_id).toBe(message.photo?.at(-1)?.file_id);
    expect(stored?.forward_origin).toBeUndefined();
  });

  test("a file_id belongs to one bot: the relay can't send a photo the parents' bot received", async () => {
    const parent = tg.createUser();
    const { message } = parent.sendPhoto(PARENTS, { caption: "квитанция" });
    const fileId = message.photo?.at(-1)?.file_id ?? "";
    await expect(relay.telegram.sendPhoto(staff.id, fileId)).rejects.toMatchObject({
      code: 400,
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
    await expect(relay.telegram.getFile(fileId)).rejects.toMatchObject({
      description: "Bad Request: invalid file_id",
    });
  });
});
