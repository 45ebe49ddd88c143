import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Message } from "grammy/types";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let h: TelegramHarness;
beforeAll(async () => {
  // No knowledge base: every question becomes a ticket, whatever the FAQ would say.
  h = await startTelegramHarness();
  await h.testDb.db.municipality.createMany({
    data: [
      {
        code: "ekb",
        name: "Екатеринбург",
        phone: "+7 (343) 000-00-01",
        timeZone: "Asia/Yekaterinburg",
      },
      {
        code: "ntagil",
        name: "Нижний Тагил",
        phone: "+7 (343) 000-00-02",
        timeZone: "Asia/Yekaterinburg",
      },
    ],
  });
});
afterAll(async () => h.close());

const sent = (chatId: number) => h.fake.sentMessages({ token: PARENT_BOT_TOKEN, chatId });
const texts = (chatId: number) => sent(chatId).map((m) => m.text ?? "");
const button = (message: Message, label: string) => {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
  if (!found || !("callback_data" in found)) throw new Error(`no button "${label}"`);
  return found.callback_data;
};
const ticketOf = (userId: number) =>
  h.testDb.db.ticket.findFirstOrThrow({
    where: { contact: { externalId: String(userId) } },
    include: { messages: true, contact: true },
  });

describe("tickets from the parent's side", () => {
  test("an uncategorised ticket offers one tap for the topic; the tap routes it", async () => {
    const parent = h.fake.createUser({ first_name: "Тимур" });
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Помогите разобраться, у меня странная ситуация с личными данными",
    );
    const opened = await h.waitFor(() => sent(parent.id).find((m) => m.text?.includes("принято")));
    expect(opened.text).toMatch(/Уточните, пожалуйста, тему/);
    parent.clickButton(opened, button(opened, "Система бронирования"));
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("Система бронирования.")));
    expect((await ticketOf(parent.id)).category).toBe("booking");
  });

  test("the municipality is asked once after escalating, can be typed, and its phone is offered", async () => {
    const parent = h.fake.createUser({ first_name: "Лилия" });
    parent.sendText(PARENT_BOT_TOKEN, "Не могу понять, почему заявку отклонили без объяснения");
    const ask = await h.waitFor(() =>
      sent(parent.id).find((m) => m.text?.startsWith("Укажите, пожалуйста, ваш муниципалитет")),
    );
    expect(ask.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(
      expect.arrayContaining(["Екатеринбург", "Нижний Тагил", "Пропустить"]),
    );
    parent.sendText(PARENT_BOT_TOKEN, "нижний тагил");
    const confirmed = await h.waitFor(() =>
      texts(parent.id).find((t) => t.startsWith("Спасибо! Муниципалитет: Нижний Тагил.")),
    );
    expect(confirmed).toContain("Телефон поддержки вашего муниципалитета: +7 (343) 000-00-02.");
    const ticket = await ticketOf(parent.id);
    expect(ticket.contact.municipalityId).not.toBeNull();
    expect(ticket.municipalityId).toBe(ticket.contact.municipalityId);
    expect(ticket.messages).toHaveLength(1);
  });

  test("skipping the municipality is respected and it is not asked again", async () => {
    const parent = h.fake.createUser({ first_name: "Артём" });
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Прошу разобраться: ребёнка отчислили из группы без предупреждения",
    );
    const ask = await h.waitFor(() =>
      sent(parent.id).find((m) => m.text?.startsWith("Укажите, пожалуйста")),
    );
    parent.clickButton(ask, button(ask, "Пропустить"));
    await h.waitFor(
      () => texts(parent.id).find((t) => t.startsWith("Хорошо.")),
      3000,
      `skip confirmed; got ${JSON.stringify(texts(parent.id))}`,
    );
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { externalId: String(parent.id) },
    });
    expect(contact.municipalityAskedAt).not.toBeNull();
    expect(texts(parent.id).filter((t) => t.startsWith("Укажите, пожалуйста"))).toHaveLength(1);
  });

  test("an album is one message for the parent: stored whole, acknowledged once", async () => {
    const parent = h.fake.createUser({ first_name: "Зоя" });
    parent.sendText(PARENT_BOT_TOKEN, "Не загружаются документы ребёнка");
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const album = parent.sendAlbum(PARENT_BOT_TOKEN, [
      { type: "photo", caption: "Вот скриншоты" },
      { type: "photo" },
      { type: "photo" },
    ]);
    await h.waitFor(async () => (await ticketOf(parent.id)).messages.length === 4);
    const acks = () =>
      h.fake
        .reactions(parent.id)
        .filter((r) => album.some((item) => item.message.message_id === r.messageId));
    // Paced like production (one send a second per chat): wait until the outbox is drained.
    await h.waitFor(
      async () =>
        acks().length > 0 &&
        (await h.testDb.db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) ===
          0,
    );
    expect(acks()).toHaveLength(1);
    const photos = (await ticketOf(parent.id)).messages.filter((m) => m.mediaGroupId !== null);
    expect(photos).toHaveLength(3);
    expect(
      photos.every(
        (m) => Array.isArray(m.attachments) && (m.attachments as unknown[]).length === 1,
      ),
    ).toBe(true);
  });

  test("a photo as the first message opens a ticket with the file stored by id", async () => {
    const parent = h.fake.createUser({ first_name: "Фаина" });
    parent.sendPhoto(PARENT_BOT_TOKEN, { caption: "Такая ошибка при входе" });
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const ticket = await ticketOf(parent.id);
    expect(ticket.messages[0]?.text).toBe("Такая ошибка при входе");
    expect(ticket.messages[0]?.attachments).toEqual([
      expect.objectContaining({ kind: "photo", fileId: expect.any(String) as string }),
    ]);
  });

  test("'Мои обращения' lists tickets; a resolved one can be reopened with one tap", async () => {
    const parent = h.fake.createUser({ first_name: "Вадим" });
    parent.sendText(PARENT_BOT_TOKEN, "Не отображается расписание занятий в кабинете");
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const ticket = await ticketOf(parent.id);
    await h.testDb.db.ticket.update({
      where: { id: ticket.id },
      data: { status: "resolved", resolvedAt: new Date(), responseDueAt: null },
    });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    const menu = await h.waitFor(() =>
      sent(parent.id).find((m) => m.text?.startsWith("Здравствуйте! Это поддержка")),
    );
    parent.clickButton(menu, button(menu, "Мои обращения"));
    const list = await h.waitFor(() =>
      sent(parent.id).find((m) => m.text?.startsWith("Открытых обращений нет")),
    );
    expect(list.text).toMatch(new RegExp(`№${ticket.number} · [^·]+ · решено`));
    parent.clickButton(list, button(list, `Возобновить №${ticket.number}`));
    await h.waitFor(() =>
      texts(parent.id).find((t) => t.startsWith(`Обращение №${ticket.number} снова в работе`)),
    );
    expect((await ticketOf(parent.id)).status).toBe("waiting_agent");
  });
});
