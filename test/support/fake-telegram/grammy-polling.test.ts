import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./index.js";

const TOKEN = "7001:grammy-polling";

let tg: FakeTelegram;
let bot: Bot;
const botErrors: unknown[] = [];
const albums = new Map<string, number[]>();

/** A small parents' bot: enough behaviour to exercise the fake through the real grammY. */
function buildBot(apiRoot: string): Bot {
  const b = new Bot(TOKEN, { client: { apiRoot } });
  b.catch((error) => botErrors.push(error.error));
  b.command("start", (ctx) =>
    ctx.reply(`Здравствуйте, <b>${ctx.from?.first_name ?? ""}</b>!`, { parse_mode: "HTML" }),
  );
  b.command("menu", (ctx) =>
    ctx.reply("Помогло?", {
      reply_markup: new InlineKeyboard().text("Да", "helpful:yes").text("Нет", "helpful:no"),
    }),
  );
  b.callbackQuery(/^helpful:(yes|no)$/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Спасибо!" });
    await ctx.editMessageText(`Ответ: ${ctx.match[1] ?? ""}`);
  });
  b.on("message:photo", async (ctx) => {
    if (ctx.message.media_group_id) {
      const ids = albums.get(ctx.message.media_group_id) ?? [];
      albums.set(ctx.message.media_group_id, [...ids, ctx.message.message_id]);
      return;
    }
    const file = await ctx.getFile();
    const download = await fetch(`${apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);
    const bytes = Buffer.from(await download.arrayBuffer());
    await ctx.replyWithPhoto(new InputFile(bytes, "copy.jpg"), {
      caption: `Получено ${bytes.length} байт`,
    });
  });
  b.on("edited_message:text", (ctx) => ctx.reply(`Исправлено: ${ctx.editedMessage.text}`));
  b.on("message:text", async (ctx) => {
    const replied = ctx.message.reply_to_message;
    if (replied) return void (await ctx.reply(`Ответ на ${replied.message_id}`));
    await ctx.reply(ctx.message.text);
  });
  return b;
}

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: TOKEN, username: "navigator_parents_bot" }] });
  bot = buildBot(tg.apiRoot);
  await new Promise<void>((resolve, reject) => {
    bot.start({ timeout: 1, onStart: () => resolve() }).catch(reject);
  });
});

afterAll(async () => {
  await bot.stop();
  await tg.close();
});

function lastSent(chatId: number): Promise<Message> {
  return tg.waitFor(() => tg.sentMessages({ chatId }).at(-1));
}

describe("grammY long polling against the fake", () => {
  test("/start arrives as a bot_command and the HTML reply comes back parsed", async () => {
    const parent = tg.createUser({ first_name: "Анна", language_code: "ru" });
    const { message } = parent.sendText(TOKEN, "/start");
    expect(message.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const reply = await lastSent(parent.id);
    expect(reply).toMatchObject({
      chat: { id: parent.id, type: "private", first_name: "Анна" },
      from: { id: 7001, is_bot: true, username: "navigator_parents_bot" },
      text: "Здравствуйте, Анна!",
      entities: [{ type: "bold", offset: 14, length: 4 }],
    });
    expect(reply.message_id).toBe(message.message_id + 1);
  });

  test("an unescaped name is the real 400 parse error, surfacing as GrammyError", async () => {
    const parent = tg.createUser({ first_name: "<Кот>" });
    parent.sendText(TOKEN, "/start");
    const error = await tg.waitFor(() => botErrors.find((e) => e instanceof GrammyError));
    expect(error).toMatchObject({
      error_code: 400,
      description:
        'Bad Request: can\'t parse entities: Unsupported start tag "Кот" at byte offset 29',
      method: "sendMessage",
    });
    expect(tg.sentMessages({ chatId: parent.id })).toEqual([]);
  });

  test("limits: text over 4096 characters and callback_data over 64 bytes are refused", async () => {
    const parent = tg.createUser();
    parent.sendText(TOKEN, "hi");
    await lastSent(parent.id);
    await expect(bot.api.sendMessage(parent.id, "я".repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message is too long",
    });
    const keyboard = new InlineKeyboard().text("x", "ж".repeat(33));
    await expect(
      bot.api.sendMessage(parent.id, "x", { reply_markup: keyboard }),
    ).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: BUTTON_DATA_INVALID",
    });
  });

  test("a button press is answered and the message edited (the keyboard goes away)", async () => {
    const parent = tg.createUser();
    parent.sendText(TOKEN, "/menu");
    const menu = await lastSent(parent.id);
    const press = parent.clickButton(menu, "helpful:yes");
    await tg.waitFor(() => tg.message(parent.id, menu.message_id)?.edit_date);
    expect(press.answer()).toMatchObject({ text: "Спасибо!" });
    const edited = tg.message(parent.id, menu.message_id);
    expect(edited?.text).toBe("Ответ: yes");
    expect(edited?.reply_markup).toBeUndefined();
    expect(() => parent.clickButton(menu, "helpful:no")).toThrow(/no button/);
  });

  test("photo: getFile and download, then an InputFile upload (multipart) comes back", async () => {
    const parent = tg.createUser();
    const data = Buffer.from("not really a jpeg, but bytes all the same");
    parent.sendPhoto(TOKEN, { data, caption: "скриншот ошибки" });
    const reply = await lastSent(parent.id);
    expect(reply.caption).toBe(`Получено ${data.length} байт`);
    const largest = reply.photo?.at(-1);
    expect(largest && tg.file(largest.file_id)?.data.equals(data)).toBe(true);
    const upload = tg.calls("sendPhoto")[0];
    expect(upload?.files).toEqual([
      expect.objectContaining({ fileName: "copy.jpg", size: data.length }),
    ]);
  });

  test("an album arrives as separate updates sharing media_group_id", async () => {
    const parent = tg.createUser();
    const items = parent.sendAlbum(TOKEN, [
      { type: "photo" },
      { type: "photo", caption: "два" },
      { type: "photo" },
    ]);
    const groupId = items[0]?.message.media_group_id ?? "";
    expect(new Set(items.map((i) => i.message.media_group_id))).toEqual(new Set([groupId]));
    await tg.waitFor(() => albums.get(groupId)?.length === 3);
    expect(albums.get(groupId)).toEqual(items.map((i) => i.message.message_id));
  });

  test("edits and replies reach the bot with the right fields", async () => {
    const parent = tg.createUser();
    const { message } = parent.sendText(TOKEN, "первый вариант");
    const echo = await lastSent(parent.id);
    parent.editText(message, "второй вариант");
    await tg.waitFor(() =>
      tg.sentTexts({ chatId: parent.id }).includes("Исправлено: второй вариант"),
    );
    parent.sendText(TOKEN, "это ответ", { replyTo: echo });
    await tg.waitFor(() =>
      tg.sentTexts({ chatId: parent.id }).includes(`Ответ на ${echo.message_id}`),
    );
  });

  test("a parent who blocked the bot gives 403", async () => {
    const parent = tg.createUser();
    parent.sendText(TOKEN, "привет");
    await lastSent(parent.id);
    parent.blockBot(TOKEN);
    await expect(bot.api.sendMessage(parent.id, "новости")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await expect(bot.api.sendMessage(999_999_999, "кто здесь?")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
  });

  test("idle long polling honours timeout: no busy polling", async () => {
    const before = tg.calls("getUpdates").length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(tg.calls("getUpdates").length - before).toBeLessThanOrEqual(3);
  });
});
