import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ faq: "default" });
});
afterAll(async () => h.close());

const sent = (chatId: number) => h.fake.sentMessages({ token: PARENT_BOT_TOKEN, chatId });
const texts = (chatId: number) => sent(chatId).map((m) => m.text ?? "");

describe("FAQ answers and the way to a person", () => {
  test("an FAQ question is answered at once with 'helped / need a specialist' buttons", async () => {
    const parent = h.fake.createUser({ first_name: "Дарья" });
    parent.sendText(PARENT_BOT_TOKEN, "забыла пароль от личного кабинета, как восстановить?");
    const answer = await h.waitFor(() => sent(parent.id)[0]);
    expect(answer.text).toMatch(/Забыли пароль/);
    expect(answer.text).toMatch(/Помог ли ответ\?$/);
    expect(answer.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      "Помогло",
      "Нет, нужен специалист",
    ]);
    expect(
      await h.testDb.db.ticket.count({ where: { contact: { externalId: String(parent.id) } } }),
    ).toBe(0);
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { externalId: String(parent.id) },
    });
    const lookup = await h.testDb.db.faqLookup.findFirstOrThrow({
      where: { contactId: contact.id },
    });
    expect(lookup.outcome).toBe("answered");
  });

  test("'Помогло' is counted, thanked once, and the buttons go away", async () => {
    const parent = h.fake.createUser({ first_name: "Роман" });
    parent.sendText(PARENT_BOT_TOKEN, "как восстановить пароль от навигатора");
    const answer = await h.waitFor(() => sent(parent.id)[0]);
    const helped = answer.reply_markup?.inline_keyboard[0]?.[0];
    if (!helped || !("callback_data" in helped)) throw new Error("no button");
    const click = parent.clickButton(answer, helped.callback_data);
    await h.waitFor(() => texts(parent.id).find((t) => t.startsWith("Спасибо! Рады")));
    await h.waitFor(() => click.answer());
    const entry = await h.testDb.db.faqEntry.findFirstOrThrow({
      where: { slug: "account-password-reset" },
    });
    expect(entry.helpfulYes).toBe(1);
    await h.waitFor(() =>
      h.fake.message(parent.id, answer.message_id, PARENT_BOT_TOKEN)?.reply_markup
        ? undefined
        : true,
    );
  });

  test("'Нет, нужен специалист' opens a ticket with the original question, its number and due time; a follow-up appends; /status lists it", async () => {
    const parent = h.fake.createUser({ first_name: "Марина" });
    parent.sendText(PARENT_BOT_TOKEN, "не помню пароль, как его восстановить");
    const answer = await h.waitFor(() => sent(parent.id)[0]);
    const noButton = answer.reply_markup?.inline_keyboard[0]?.[1];
    if (!noButton || !("callback_data" in noButton)) throw new Error("no button");
    parent.clickButton(answer, noButton.callback_data);
    const opened = await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    expect(opened).toMatch(/^Обращение №(\d+) принято\. Ответим до \d\d:\d\d \d{1,2} [а-я]+\./);
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { externalId: String(parent.id) } },
      include: { messages: true },
    });
    expect(ticket.messages[0]?.text).toBe("не помню пароль, как его восстановить");
    expect(ticket.faqOffered).toEqual(["account-password-reset"]);

    const followUp = parent.sendText(PARENT_BOT_TOKEN, "Почта, кстати, старая, доступа к ней нет");
    await h.waitFor(() =>
      h.fake.reactions(parent.id).find((r) => r.messageId === followUp.message.message_id),
    );
    expect(
      await h.testDb.db.ticket.count({ where: { contact: { externalId: String(parent.id) } } }),
    ).toBe(1);
    expect(await h.testDb.db.message.count({ where: { ticketId: ticket.id } })).toBe(2);

    parent.sendText(PARENT_BOT_TOKEN, "/status");
    const status = await h.waitFor(() =>
      texts(parent.id).find((t) => t.startsWith("У вас 1 открытое обращение")),
    );
    expect(status).toContain(`№${ticket.number} · `);
    expect(status).toMatch(/ответим до \d\d:\d\d/);
  });

  test("a greeting alone gets a short greeting back, not a ticket", async () => {
    const parent = h.fake.createUser({ first_name: "Галина" });
    parent.sendText(PARENT_BOT_TOKEN, "Добрый день!");
    const reply = await h.waitFor(() => texts(parent.id)[0]);
    expect(reply).toBe("Здравствуйте! Напишите, пожалуйста, ваш вопрос — постараюсь помочь.");
    expect(
      await h.testDb.db.ticket.count({ where: { contact: { externalId: String(parent.id) } } }),
    ).toBe(0);
  });
});
