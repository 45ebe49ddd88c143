import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFaqRepository } from "../../core/faq/index.js";
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

  test("an unsure question opens a ticket with likely answers; the right one answers, and 'Помогло' closes the ticket", async () => {
    const parent = h.fake.createUser({ first_name: "Ольга" });
    parent.sendText(PARENT_BOT_TOKEN, "как сделать серт");
    const opened = await h.waitFor(() => sent(parent.id).find((m) => m.text?.includes("принято")));
    expect(opened.text).toMatch(/^Обращение №(\d+) принято\. Ответим до /);
    expect(opened.text).toContain("Возможно, ответ уже есть:");
    const offers = opened.reply_markup?.inline_keyboard.flat() ?? [];
    const right = offers.find((b) => b.text === "Как получить сертификат?");
    if (!right || !("callback_data" in right)) throw new Error("the right entry is not offered");
    expect(offers.length).toBeLessThanOrEqual(3 + 3); // at most three offers, three topics
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { externalId: String(parent.id) } },
    });
    expect(ticket.faqOffered).toContain("certificate-get");

    parent.clickButton(opened, right.callback_data);
    const answer = await h.waitFor(() =>
      sent(parent.id).find((m) => m.text?.startsWith("Как получить сертификат?")),
    );
    expect(answer.text).toMatch(/Получить сертификат/);
    expect(answer.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      "Помогло",
      "Нужен специалист",
    ]);
    const helped = answer.reply_markup?.inline_keyboard[0]?.[0];
    if (!helped || !("callback_data" in helped)) throw new Error("no button");
    parent.clickButton(answer, helped.callback_data);
    const closed = await h.waitFor(() => texts(parent.id).find((t) => t.includes("закрыто")));
    expect(closed).toBe(
      `Рады, что ответ помог! Обращение №${ticket.number} закрыто. Если появятся вопросы, просто напишите сюда.`,
    );
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe("resolved");
    expect(after.selfServedSlug).toBe("certificate-get");
    // The parent is not asked to rate a ticket nobody answered.
    expect(texts(parent.id).some((t) => t.includes("Оцените"))).toBe(false);
    // The parent's wording becomes a suggested phrasing of the entry, for review.
    const suggestions = await createFaqRepository(h.testDb.db).suggestedPhrasings();
    expect(suggestions).toContainEqual(
      expect.objectContaining({ slug: "certificate-get", text: "как сделать серт" }),
    );
  });

  test("'Нужен специалист' under an offered answer keeps the ticket open", async () => {
    const parent = h.fake.createUser({ first_name: "Пётр" });
    parent.sendText(PARENT_BOT_TOKEN, "как сделать серт");
    const opened = await h.waitFor(() => sent(parent.id).find((m) => m.text?.includes("принято")));
    const first = opened.reply_markup?.inline_keyboard[0]?.[0];
    if (!first || !("callback_data" in first)) throw new Error("no offer");
    parent.clickButton(opened, first.callback_data);
    const answer = await h.waitFor(() =>
      sent(parent.id).find((m) => m.text?.endsWith("Помог ли ответ?")),
    );
    const human = answer.reply_markup?.inline_keyboard[0]?.[1];
    if (!human || !("callback_data" in human)) throw new Error("no button");
    parent.clickButton(answer, human.callback_data);
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("остаётся открытым")));
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { externalId: String(parent.id) } },
    });
    expect(ticket.status).toBe("new");
    expect(ticket.selfServedSlug).toBeNull();
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
