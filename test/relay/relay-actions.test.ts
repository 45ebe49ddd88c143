import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordOutbound, relayChatKey } from "../../core/outbound/index.js";
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

function buttonData(message: Message | undefined, label: string): string {
  const button = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
  if (!button || !("callback_data" in button)) throw new Error(`no "${label}" button`);
  return button.callback_data;
}

const card = async (cardMessageId: number) =>
  h.fake.waitFor(() => h.fake.message(h.staff.id, cardMessageId), 5000, "the card");

describe("staff relay: buttons and commands", () => {
  test("'Взять' assigns, 'Пауза' warns the parent and the next reply thanks them for waiting", async () => {
    const parent = h.fake.createUser({ first_name: "Тимур" });
    parent.sendText(PARENT_BOT_TOKEN, "Почему заявка в статусе «На рассмотрении» уже неделю?");
    const { ticket, threadId, cardMessageId } = await h.ticketOf(parent);

    const take = h.agent.clickButton(
      await card(cardMessageId),
      buttonData(await card(cardMessageId), "Взять"),
    );
    await h.fake.waitFor(() => take.answer(), 5000, "the toast");
    expect(take.answer()?.text).toBe(`Обращение №${ticket.number} за вами`);
    await h.fake.waitFor(
      () => h.relayPosts(threadId).some((m) => m.text === "Ответственный: Ирина Петрова."),
      5000,
      "the notice",
    );
    const assigned = await h.testDb.db.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { assignee: true },
    });
    expect(assigned.assignee?.telegramUserId).toBe(String(h.agent.id));

    const hold = h.agent.clickButton(
      await card(cardMessageId),
      buttonData(await card(cardMessageId), "Пауза"),
    );
    await h.fake.waitFor(
      () => h.parentTexts(parent).includes("Оставайтесь на связи, я уточняю информацию."),
      5000,
      "the hold phrase",
    );
    await h.fake.waitFor(() => hold.answer(), 5000, "the hold tap answered");
    expect(hold.answer()?.text).toBe("Пауза: родитель предупреждён");
    await h.fake.waitFor(
      () => h.fake.topic(h.staff.id, threadId)?.name.endsWith("⏸ 🟢 24ч"),
      5000,
      "the topic renamed ⏸ with the time left",
    );
    await h.fake.waitFor(
      async () =>
        (await card(cardMessageId)).reply_markup?.inline_keyboard
          .flat()
          .map((b) => b.text)
          .join() === "Взять,Решено",
      5000,
      "the card's buttons for a ticket on hold",
    );

    h.agent.sendText(
      { chatId: h.staff.id, threadId },
      "Заявку одобрили, проверьте личный кабинет.",
    );
    await h.fake.waitFor(
      () =>
        h
          .parentTexts(parent)
          .includes("Спасибо за ожидание.\n\nЗаявку одобрили, проверьте личный кабинет."),
      5000,
      "the reply with thanks",
    );
  });

  test("'Решено' then 'Открыть снова' from the card; a refused action says why", async () => {
    const parent = h.fake.createUser({ first_name: "Рита" });
    parent.sendText(PARENT_BOT_TOKEN, "Как сменить номер телефона в профиле?");
    const { threadId, cardMessageId } = await h.ticketOf(parent);
    const resolve = h.agent.clickButton(
      await card(cardMessageId),
      buttonData(await card(cardMessageId), "Решено"),
    );
    await h.fake.waitFor(() => h.fake.topic(h.staff.id, threadId)?.closed, 5000, "closed topic");
    await h.fake.waitFor(() => resolve.answer(), 5000, "the resolve tap answered");
    expect(resolve.answer()?.text).toBe("Решено, родитель уведомлён");
    const reopenData = await h.fake.waitFor(() => {
      try {
        return buttonData(h.fake.message(h.staff.id, cardMessageId), "Открыть снова");
      } catch {
        return undefined;
      }
    });
    h.agent.clickButton(await card(cardMessageId), reopenData);
    await h.fake.waitFor(
      () => h.fake.topic(h.staff.id, threadId)?.closed === false,
      5000,
      "reopened topic",
    );
    await h.fake.waitFor(
      () => h.parentTexts(parent).some((t) => t.includes("снова в работе")),
      5000,
      "the parent told",
    );
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/reopen");
    await h.fake.waitFor(
      () =>
        h.relayPosts(threadId).some((m) => m.text?.startsWith("Сейчас это недоступно: обращение")),
      5000,
      "the refusal explained",
    );
  });

  test("/info in the topic, /tickets in General, a command outside a topic gets a hint", async () => {
    const parent = h.fake.createUser({ first_name: "Зоя" });
    parent.sendText(PARENT_BOT_TOKEN, "Не приходит уведомление о зачислении");
    const { ticket, threadId } = await h.ticketOf(parent);
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/info");
    const info = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.startsWith(`Обращение №${ticket.number}:`)),
      5000,
      "the summary",
    );
    expect(info.text).toContain("Сообщений: от родителя 1, от поддержки 0, заметок 0");

    h.agent.sendText({ chatId: h.staff.id, threadId }, "/tickets");
    const list = await h.fake.waitFor(
      () => h.relayPosts(undefined).find((m) => m.text?.includes("открыт") && !m.message_thread_id),
      5000,
      "the list in General",
    );
    expect(list.text).toContain(`№${ticket.number} · Другое · 🟢`);

    h.agent.sendText(h.staff.id, "/resolve");
    await h.fake.waitFor(
      () =>
        h
          .relayPosts(undefined)
          .some((m) => m.text === "Эта команда работает в теме обращения." && !m.message_thread_id),
      5000,
      "the hint",
    );
  });

  test("/faq saves the parent's question and the last reply as a draft for review", async () => {
    const parent = h.fake.createUser({ first_name: "Глеб" });
    parent.sendText(PARENT_BOT_TOKEN, "Можно ли записаться сразу в две секции?");
    const { threadId } = await h.ticketOf(parent);
    const answer = "Да, по сертификату можно записаться в несколько программ.";
    h.agent.sendText({ chatId: h.staff.id, threadId }, answer);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(answer), 5000, "the reply");
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/faq");
    await h.fake.waitFor(
      () => h.relayPosts(threadId).some((m) => m.text?.startsWith("📚 Черновик FAQ сохранён")),
      5000,
      "the confirmation",
    );
    const draft = await h.testDb.db.faqEntry.findFirstOrThrow({ where: { source: "agent_draft" } });
    expect(draft).toMatchObject({
      question: "Можно ли записаться сразу в две секции?",
      answer,
      published: false,
    });
  });

  test("'show' on the card reveals its masked contacts to the agent alone, and the tap is audited", async () => {
    const parent = h.fake.createUser({ first_name: "Ника" });
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Не могу войти, почта nika.ivanova@mail.ru, СНИЛС 112-233-445 95",
    );
    const { ticket, cardMessageId } = await h.ticketOf(parent);
    const masked = await card(cardMessageId);
    expect(masked.text).not.toContain("nika.ivanova@mail.ru");
    expect(masked.text).not.toContain("112-233-445 95");
    const press = h.agent.clickButton(masked, buttonData(masked, "👁 Показать данные"));
    const answer = await h.fake.waitFor(() => press.answer(), 5000, "the alert");
    expect(answer).toMatchObject({
      show_alert: true,
      text: "Почта: nika.ivanova@mail.ru\nСНИЛС: 112-233-445 95",
    });
    expect(h.fake.message(h.staff.id, cardMessageId)?.text).toBe(masked.text);
    const audit = await h.testDb.db.auditLog.findFirstOrThrow({
      where: { ticketId: ticket.id, action: "pii_revealed" },
    });
    const agent = await h.testDb.db.agent.findUniqueOrThrow({
      where: { telegramUserId: String(h.agent.id) },
    });
    expect(audit.actor).toBe(`agent:${agent.id}`);
  });

  test("/role makes a supervisor; an SLA escalation mentions them with a link to the topic", async () => {
    const boss = h.fake.createUser({ first_name: "Галина", last_name: "Сергеевна" });
    h.fake.setMember(h.staff.id, boss, "member");
    h.fake.setMember(h.staff.id, h.agent, "administrator");
    const { message } = boss.sendText(h.staff.id, "Всем добрый день!");
    h.agent.sendText(h.staff.id, "/role supervisor", { replyTo: message });
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.agent.findUnique({ where: { telegramUserId: String(boss.id) } }))
          ?.role === "supervisor",
      5000,
      "the role",
    );

    const parent = h.fake.createUser({ first_name: "Дарья" });
    parent.sendText(PARENT_BOT_TOKEN, "Уже два дня не могу получить ответ");
    const { ticket, threadId } = await h.ticketOf(parent);
    const id = await h.testDb.db.$transaction((tx) =>
      recordOutbound(tx, {
        channel: "relay",
        chatKey: relayChatKey,
        payload: {
          op: "supervisor_alert",
          ticketId: ticket.id,
          key: "relay-sla-breach",
          args: { number: ticket.number, due: "10:00 26 ноября" },
        },
        ticketId: ticket.id,
      }),
    );
    await h.core.dispatcher.dispatch(id === null ? [] : [id]);
    const alert = await h.fake.waitFor(
      () =>
        h.fake
          .sentMessages({ token: RELAY_BOT_TOKEN, chatId: h.supervisorChat!.id })
          .find((m) => m.text?.includes(`№${ticket.number}`)),
      5000,
      "the escalation in the supervisors' chat",
    );
    expect(alert.text).toContain(
      `https://t.me/c/${String(h.staff.id).replace(/^-100/, "")}/${threadId}`,
    );
    const mention = alert.entities?.find((e) => e.type === "text_mention");
    expect(mention && "user" in mention ? mention.user.id : undefined).toBe(boss.id);
    expect(
      alert.text?.slice(mention?.offset, (mention?.offset ?? 0) + (mention?.length ?? 0)),
    ).toBe("Галина Сергеевна");
  });
});
