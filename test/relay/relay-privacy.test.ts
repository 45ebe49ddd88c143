import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness({ supervisorChat: true });
});
afterAll(async () => h.close());

/** What a parent writes, and what must never reach the staff group as written. */
const PHONE = "+7 922 111-22-33";
const SNILS = "112-233-445 95";
const PASSPORT = "4510 123456";
const EMAIL = "nika.ivanova@mail.ru";
const BIRTH = "IV-АИ 654321";
const SECRETS = [PHONE, SNILS, PASSPORT, EMAIL, BIRTH, "9221112233", "nika.ivanova"];
const PERSONAL = `мой телефон ${PHONE}, СНИЛС ${SNILS}, паспорт ${PASSPORT}, почта ${EMAIL}, свидетельство о рождении ${BIRTH}`;

const REVEAL = "👁 Показать данные";

function revealData(message: Message | undefined): string {
  const button = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === REVEAL);
  if (!button || !("callback_data" in button)) throw new Error(`no "${REVEAL}" button`);
  return button.callback_data;
}

/** Every call the relay bot made into a group (the staff group, the supervisors' chat). */
function groupTraffic(): string {
  return h.fake
    .calls({ token: RELAY_BOT_TOKEN })
    .filter((call) => Number(call.params.chat_id) < 0)
    .map((call) => JSON.stringify(call.params))
    .join("\n");
}

function expectMasked(text: string | undefined) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).toContain("+7 (922) ***-**-33");
  expect(text).toContain("***-***-*** 95");
  expect(text).toContain("** ** ***456");
  expect(text).toContain("n***@mail.ru");
  expect(text).toContain("**-** ***321");
}

describe("staff relay: personal data is masked on every path to the group", () => {
  test("a follow-up, a caption and an edit appear masked, each with its own 'show'", async () => {
    const parent = h.fake.createUser({ first_name: "Ника" });
    const first = parent.sendText(PARENT_BOT_TOKEN, "Не могу записать сына в кружок, ошибка 500");
    const { threadId } = await h.ticketOf(parent);

    parent.sendText(PARENT_BOT_TOKEN, `Добавлю: ${PERSONAL}`);
    const followUp = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.includes("Добавлю")),
      10_000,
      "the follow-up",
    );
    expectMasked(followUp.text);
    revealData(followUp);

    parent.sendPhoto(PARENT_BOT_TOKEN, { caption: `Скриншот. ${PERSONAL}` });
    const photo = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.photo),
      10_000,
      "the photo",
    );
    expectMasked(photo.caption);
    revealData(photo);

    parent.editText(first.message, `Не могу записать сына в кружок. ${PERSONAL}`);
    const edit = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.startsWith("✏️")),
      10_000,
      "the edit",
    );
    expectMasked(edit.text);
    revealData(edit);

    h.agent.sendText({ chatId: h.staff.id, threadId }, "/info");
    await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.startsWith("Обращение №")),
      10_000,
      "the /info summary",
    );
    for (const secret of SECRETS) expect(groupTraffic()).not.toContain(secret);
  });

  test("'show' reveals one message to the agent who tapped, audited, and changes nothing for others", async () => {
    const parent = h.fake.createUser({ first_name: "Вера" });
    parent.sendText(PARENT_BOT_TOKEN, "Здравствуйте, не приходит код подтверждения");
    const { ticket, threadId, cardMessageId } = await h.ticketOf(parent);
    parent.sendText(PARENT_BOT_TOKEN, `Телефон для связи ${PHONE}`);
    parent.sendText(PARENT_BOT_TOKEN, `Почта ${EMAIL}`);
    const [phonePost, mailPost] = await h.fake.waitFor(
      () => {
        const phone = h.relayPosts(threadId).find((m) => m.text?.includes("Телефон для связи"));
        const mail = h.relayPosts(threadId).find((m) => m.text?.includes("Почта"));
        return phone && mail ? [phone, mail] : undefined;
      },
      10_000,
      "both follow-ups",
    );
    const before = h.fake.message(h.staff.id, phonePost?.message_id ?? 0)?.text;

    const press = h.agent.clickButton(phonePost, revealData(phonePost));
    const answer = await h.fake.waitFor(() => press.answer(), 5000, "the alert");
    expect(answer.show_alert).toBe(true);
    expect(answer.text).toBe(`Телефон: ${PHONE}`);
    expect(answer.text).not.toContain(EMAIL);

    // The group's message is as it was, button and all: nothing was edited or posted.
    const after = h.fake.message(h.staff.id, phonePost?.message_id ?? 0);
    expect(after?.text).toBe(before);
    revealData(after);
    expect(h.fake.message(h.staff.id, cardMessageId)?.text).not.toContain(PHONE);
    for (const secret of SECRETS) expect(groupTraffic()).not.toContain(secret);

    const phoneMessage = await h.testDb.db.message.findFirstOrThrow({
      where: { ticketId: ticket.id, text: { contains: "Телефон для связи" } },
    });
    const agent = await h.testDb.db.agent.findUniqueOrThrow({
      where: { telegramUserId: String(h.agent.id) },
    });
    const audits = await h.testDb.db.auditLog.findMany({
      where: { ticketId: ticket.id, action: "pii_revealed" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: `agent:${agent.id}`,
      details: { messageId: phoneMessage.id, kinds: ["phone"] },
    });

    // A colleague's tap on the other message is their own, audited separately.
    const colleague = h.fake.createUser({ first_name: "Олег" });
    h.fake.setMember(h.staff.id, colleague, "member");
    const second = colleague.clickButton(mailPost, revealData(mailPost));
    expect((await h.fake.waitFor(() => second.answer(), 5000, "the alert")).text).toBe(
      `Почта: ${EMAIL}`,
    );
    const all = await h.testDb.db.auditLog.findMany({
      where: { ticketId: ticket.id, action: "pii_revealed" },
      orderBy: { id: "asc" },
    });
    expect(all.map((a) => (a.details as { messageId: number }).messageId)).toEqual([
      phoneMessage.id,
      phoneMessage.id + 1,
    ]);
  });

  test("the card's 'show' lists what the card hides; more than an alert holds goes privately", async () => {
    const parent = h.fake.createUser({ first_name: "Инна" });
    const many = [
      `Мои данные: ${PERSONAL}`,
      "второй телефон 8 (912) 345-67-89, карта 4276 3800 1234 5679",
      "почта мужа petrov.sergey@yandex.ru, его СНИЛС 123-456-789 64",
    ].join("\n");
    parent.sendText(PARENT_BOT_TOKEN, many);
    const { ticket, cardMessageId } = await h.ticketOf(parent);
    const card = h.fake.message(h.staff.id, cardMessageId);
    expectMasked(card?.text);

    // The agent has a private chat with the relay bot (wrote to it once).
    h.agent.sendText(RELAY_BOT_TOKEN, "/start");
    const press = h.agent.clickButton(card as Message, revealData(card));
    const answer = await h.fake.waitFor(() => press.answer(), 5000, "the answer");
    expect(answer.text).toBe("Данные отправлены вам в личные сообщения");
    const [privately] = await h.fake.waitForSent({ chatId: h.agent.id, token: RELAY_BOT_TOKEN });
    expect(privately?.text).toContain(`Телефон: ${PHONE}`);
    expect(privately?.text).toContain("Карта: 4276 3800 1234 5679");
    expect(privately?.text).toContain(`Свидетельство о рождении: ${BIRTH}`);
    expect(h.fake.message(h.staff.id, cardMessageId)?.text).toBe(card?.text);
    expect(
      await h.testDb.db.auditLog.count({ where: { ticketId: ticket.id, action: "pii_revealed" } }),
    ).toBe(1);
  });
});
