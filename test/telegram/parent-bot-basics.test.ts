import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => h.close());

const texts = (chatId: number) => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId });

describe("parents' Telegram bot over HTTP against the fake Bot API", () => {
  test("/start greets, says what the bot does and offers the menu", async () => {
    const parent = h.fake.createUser({ first_name: "Анна", language_code: "ru" });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    const [greeting] = await h.waitFor(() => {
      const sent = h.fake.sentMessages({ token: PARENT_BOT_TOKEN, chatId: parent.id });
      return sent.length > 0 ? sent : undefined;
    });
    expect(greeting?.text).toMatch(/^Здравствуйте! Это поддержка Навигатора/);
    expect(greeting?.text).toMatch(/в течение 24 часов\./);
    const buttons = greeting?.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual(["Частые вопросы", "Написать в поддержку", "Мои обращения"]);
  });

  test("/start in English for an English Telegram", async () => {
    const parent = h.fake.createUser({ first_name: "Ann", language_code: "en-GB" });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    const text = await h.waitFor(() => texts(parent.id)[0]);
    expect(text).toMatch(/^Hello! This is the support service/);
  });

  test("a question the bot cannot answer opens a ticket with its number and due time", async () => {
    const parent = h.fake.createUser({ first_name: "Ольга" });
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Здравствуйте, у меня не получается подписать договор на кружок, пишет ошибку 500",
    );
    const reply = await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    expect(reply).toMatch(/^Обращение №\d+ принято\. Ответим до \d\d:\d\d \d{1,2} [а-я]+\./);
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { externalId: String(parent.id) } },
    });
    expect(reply).toContain(`№${ticket.number}`);
  });

  test("a follow-up is appended to the open ticket and acknowledged with a reaction, not a wall of text", async () => {
    const parent = h.fake.createUser({ first_name: "Пётр" });
    parent.sendText(PARENT_BOT_TOKEN, "Не приходит код подтверждения на телефон");
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const followUp = parent.sendText(PARENT_BOT_TOKEN, "И ещё: номер телефона указан верно");
    await h.waitFor(() =>
      h.fake.reactions(parent.id).find((r) => r.messageId === followUp.message.message_id),
    );
    const tickets = await h.testDb.db.ticket.findMany({
      where: { contact: { externalId: String(parent.id) } },
      include: { messages: true },
    });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.messages).toHaveLength(2);
    expect(texts(parent.id).filter((t) => t.includes("принято"))).toHaveLength(1);
  });
});
