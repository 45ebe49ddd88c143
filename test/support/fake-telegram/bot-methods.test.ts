import { Bot, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "./index.js";

const TOKEN = "7601:methods";

let tg: FakeTelegram;
let api: Bot["api"];
let parent: FakeUser;

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: TOKEN, username: "methods_bot" }] });
  api = new Bot(TOKEN, { client: { apiRoot: tg.apiRoot } }).api;
  parent = tg.createUser({ first_name: "Елена", username: "elena" });
  parent.sendText(TOKEN, "/start");
});

afterAll(async () => {
  await tg.close();
});

describe("media groups", () => {
  test("uploads share one media_group_id; counts and mixing follow Telegram's rules", async () => {
    const album: Message[] = await api.sendMediaGroup(parent.id, [
      {
        type: "photo",
        media: new InputFile(Buffer.from("one"), "1.jpg"),
        caption: "<b>Фото</b>",
        parse_mode: "HTML",
      },
      { type: "photo", media: new InputFile(Buffer.from("two"), "2.jpg") },
    ]);
    expect(album).toHaveLength(2);
    expect(album[0]?.media_group_id).toBe(album[1]?.media_group_id);
    expect(album[0]).toMatchObject({
      caption: "Фото",
      caption_entities: [{ type: "bold", offset: 0, length: 4 }],
    });
    const photo = { type: "photo" as const, media: album[0]?.photo?.at(-1)?.file_id ?? "" };
    await expect(api.sendMediaGroup(parent.id, [])).rejects.toMatchObject({
      description: "Bad Request: there are no messages to send",
    });
    await expect(
      api.sendMediaGroup(
        parent.id,
        Array.from({ length: 11 }, () => photo),
      ),
    ).rejects.toMatchObject({
      description: "Bad Request: too many messages to send as an album",
    });
    // grammY's types already forbid mixing documents with photos, so ask over plain HTTP.
    const mixed = await fetch(`${tg.apiRoot}/bot${TOKEN}/sendMediaGroup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        chat_id: parent.id,
        media: [photo, { type: "document", media: "https://example.org/d.pdf" }],
      }),
    });
    expect(mixed.status).toBe(400);
    expect(await mixed.json()).toMatchObject({
      description: "Bad Request: document can't be mixed with other media types",
    });
  });

  test("copyMessages keeps an album together under a new media_group_id", async () => {
    const items = parent.sendAlbum(TOKEN, [{ type: "photo" }, { type: "video" }]);
    const ids = items.map((i) => i.message.message_id);
    const copies = await api.copyMessages(parent.id, parent.id, ids);
    const stored = copies.map((c) => tg.message(parent.id, c.message_id));
    expect(stored[0]?.media_group_id).toBeDefined();
    expect(stored[0]?.media_group_id).toBe(stored[1]?.media_group_id);
    expect(stored[0]?.media_group_id).not.toBe(items[0]?.message.media_group_id);
  });
});

describe("editing, deleting, forwarding", () => {
  test("editing to the same content is 'message is not modified'", async () => {
    const sent = await api.sendMessage(parent.id, "Статус: в работе");
    await expect(
      api.editMessageText(parent.id, sent.message_id, "Статус: в работе"),
    ).rejects.toThrow(/Bad Request: message is not modified/);
    const edited = await api.editMessageText(parent.id, sent.message_id, "Статус: решено");
    if (edited === true) throw new Error("a chat message edit returns the Message");
    expect(tg.message(parent.id, sent.message_id)).toEqual(edited);
    expect(edited).toMatchObject({ text: "Статус: решено" });
    expect(edited.edit_date).toBeTypeOf("number");
  });

  test("delete: own messages yes, twice no", async () => {
    const sent = await api.sendMessage(parent.id, "временное");
    await expect(api.deleteMessage(parent.id, sent.message_id)).resolves.toBe(true);
    await expect(api.deleteMessage(parent.id, sent.message_id)).rejects.toMatchObject({
      description: "Bad Request: message to delete not found",
    });
    expect(tg.message(parent.id, sent.message_id)).toBeUndefined();
    expect(
      tg.sentMessages({ chatId: parent.id }).some((m) => m.message_id === sent.message_id),
    ).toBe(true);
  });

  test("forwardMessage says where the message came from", async () => {
    const { message } = parent.sendText(TOKEN, "пересылка");
    const forwarded = await api.forwardMessage(parent.id, parent.id, message.message_id);
    expect(forwarded.forward_origin).toEqual({
      type: "user",
      sender_user: parent.user,
      date: message.date,
    });
  });
});

describe("small methods", () => {
  test("reactions, chat actions, commands, getChat", async () => {
    const { message } = parent.sendText(TOKEN, "спасибо");
    await api.setMessageReaction(parent.id, message.message_id, [{ type: "emoji", emoji: "👍" }]);
    expect(tg.reactions(parent.id).at(-1)).toMatchObject({ messageId: message.message_id });
    await expect(
      api.setMessageReaction(parent.id, message.message_id, [
        { type: "emoji", emoji: "🦆" as "👍" },
      ]),
    ).rejects.toMatchObject({ description: "Bad Request: REACTION_INVALID" });

    await api.sendChatAction(parent.id, "typing");
    expect(tg.chatActions(parent.id).at(-1)?.action).toBe("typing");

    await api.setMyCommands([{ command: "start", description: "Начать" }], { language_code: "ru" });
    expect(await api.getMyCommands({ language_code: "ru" })).toEqual([
      { command: "start", description: "Начать" },
    ]);
    expect(await api.getMyCommands()).toEqual([]);

    expect(await api.getChat(parent.id)).toMatchObject({
      id: parent.id,
      type: "private",
      username: "elena",
    });
  });

  test("a callback query can be answered once", async () => {
    const menu = await api.sendMessage(parent.id, "?", {
      reply_markup: { inline_keyboard: [[{ text: "Да", callback_data: "yes" }]] },
    });
    const { query } = parent.clickButton(menu, "yes");
    await api.answerCallbackQuery(query.id, { text: "Готово" });
    await expect(api.answerCallbackQuery(query.id)).rejects.toMatchObject({
      description:
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
    expect(tg.callbackAnswer(query.id)?.text).toBe("Готово");
  });

  test("a bot can't write first to someone it never met", async () => {
    const stranger = tg.createUser();
    await expect(api.sendMessage(stranger.id, "привет")).rejects.toMatchObject({
      description: "Bad Request: chat not found",
    });
    const group = tg.createGroup({ members: [TOKEN, stranger] });
    await expect(api.sendMessage(stranger.id, "привет")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    await expect(api.sendMessage(group.id, "всем привет")).resolves.toMatchObject({
      chat: { id: group.id },
    });
  });
});

describe("what people send", () => {
  test("each kind of message has the fields Telegram gives it", () => {
    const voice = parent.sendVoice(TOKEN, { duration: 7 }).update?.message?.voice;
    expect(voice).toMatchObject({ duration: 7, mime_type: "audio/ogg" });
    const video = parent.sendVideo(TOKEN, { caption: "видео" }).update?.message;
    expect(video).toMatchObject({ caption: "видео", video: { mime_type: "video/mp4" } });
    const sticker = parent.sendSticker(TOKEN, { emoji: "😢" }).update?.message?.sticker;
    expect(sticker).toMatchObject({ type: "regular", emoji: "😢" });
    const location = parent.sendLocation(TOKEN, { latitude: 55.75, longitude: 37.62 }).update
      ?.message;
    expect(location?.location).toEqual({ latitude: 55.75, longitude: 37.62 });
    const poll = parent.sendPoll(TOKEN, { question: "Удобно?", options: ["Да", "Нет"] }).update
      ?.message?.poll;
    expect(poll?.options.map((o) => o.text)).toEqual(["Да", "Нет"]);
    const photo = parent.sendPhoto(TOKEN).update?.message?.photo;
    expect(photo).toHaveLength(2);
  });

  test("a bot in privacy mode that is not an admin sees commands and replies only", () => {
    const member = tg.createUser();
    const group = tg.createGroup({ members: [member, { account: TOKEN, status: "member" }] });
    expect(member.sendText(group.id, "всем привет").updates).toEqual([]);
    expect(member.sendText(group.id, "/help").updates).toHaveLength(1);
    tg.setMember(group.id, TOKEN, "administrator");
    const { message, update } = member.sendText(group.id, "теперь видно");
    expect(update?.message?.text).toBe("теперь видно");
    expect(member.editText(message, "исправлено").update?.edited_message?.text).toBe("исправлено");
  });
});
