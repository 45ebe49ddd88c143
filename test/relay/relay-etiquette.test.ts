import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness();
});
afterAll(async () => h.close());

/**
 * What the ticket has queued for the parent (not the staff group): a reply the guard
 * holds is never queued, in the same transaction that queues the warning, so once the
 * warning is seen this is final, with no wait.
 */
async function parentOutbox(ticketId: number): Promise<string[]> {
  const rows = await h.testDb.db.outbox.findMany({
    where: { ticketId, channel: { not: "relay" } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => JSON.stringify(r.payload));
}

async function warningFor(threadId: number, agentMessage: Message): Promise<Message> {
  return h.fake.waitFor(
    () =>
      h
        .relayPosts(threadId)
        .find((m) => m.reply_to_message?.message_id === agentMessage.message_id),
    10_000,
    "the etiquette warning",
  );
}

describe("staff relay: the etiquette guard", () => {
  test("a profane reply is held back and the agent sees why; 'send anyway' sends it", async () => {
    const parent = h.fake.createUser({ first_name: "Светлана" });
    parent.sendText(PARENT_BOT_TOKEN, "Заявка пропала из личного кабинета");
    const { ticket, threadId } = await h.ticketOf(parent);
    const before = h.parentTexts(parent).length;
    const rude = "Да пох*й, подайте заявку заново";
    const { message } = h.agent.sendText({ chatId: h.staff.id, threadId }, rude);
    const warning = await warningFor(threadId, message);
    expect(warning.text).toContain("⚠️ Ответ не отправлен родителю:");
    expect(warning.text).toContain("Нецензурное или оскорбительное слово: «пох*й»");
    expect(warning.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      "Отправить как есть",
      "Исправлю",
    ]);
    expect((await parentOutbox(ticket.id)).filter((p) => p.includes("пох*й"))).toEqual([]);
    expect(h.parentTexts(parent)).toHaveLength(before);
    expect(
      (await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).firstResponseAt,
    ).toBeNull();

    const sendAnyway = warning.reply_markup?.inline_keyboard[0]?.[0];
    if (!sendAnyway || !("callback_data" in sendAnyway)) throw new Error("button expected");
    // Two quick taps (a double tap, or two agents at once): the reply goes out once.
    const first = h.agent.clickButton(warning, sendAnyway.callback_data);
    const second = h.agent.clickButton(warning, sendAnyway.callback_data);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(rude), 10_000, "the reply");
    await h.fake.waitFor(() => first.answer() && second.answer(), 5000, "both taps answered");
    expect([first.answer()?.text, second.answer()?.text].sort()).toEqual([
      "Отправлено родителю",
      "Этот ответ уже обработан",
    ]);
    await h.fake.waitFor(
      () => !h.fake.message(h.staff.id, warning.message_id)?.reply_markup,
      5000,
      "the warning's buttons removed",
    );
    // Both taps are answered and the buttons gone: a second send would be queued by now.
    expect((await parentOutbox(ticket.id)).filter((p) => p.includes("пох*й"))).toHaveLength(1);
    expect(h.parentTexts(parent).filter((t) => t === rude)).toHaveLength(1);
    const audit = await h.testDb.db.auditLog.findMany({ where: { ticketId: ticket.id } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["reply_flagged", "reply_sent_anyway"]),
    );
  });

  test("'edit' drops the held reply; the corrected one goes straight through", async () => {
    const parent = h.fake.createUser({ first_name: "Игорь" });
    parent.sendText(PARENT_BOT_TOKEN, "Не могу выбрать смену в лагере");
    const { threadId } = await h.ticketOf(parent);
    const { message } = h.agent.sendText(
      { chatId: h.staff.id, threadId },
      "Ну и хуйня у вас в заявке написана",
    );
    const warning = await warningFor(threadId, message);
    const edit = warning.reply_markup?.inline_keyboard[0]?.[1];
    if (!edit || !("callback_data" in edit)) throw new Error("button expected");
    const press = h.agent.clickButton(warning, edit.callback_data);
    await h.fake.waitFor(() => press.answer(), 5000, "the answer");
    expect(press.answer()).toMatchObject({ text: "Не отправлено. Напишите исправленный ответ" });
    const clean = "Здравствуйте! В заявке указана другая смена, подайте её заново, пожалуйста.";
    h.agent.sendText({ chatId: h.staff.id, threadId }, clean);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(clean), 10_000, "the clean reply");
    expect(h.parentTexts(parent).some((t) => t.includes("хуйня"))).toBe(false);
  });
});

describe("staff relay: the literacy hint", () => {
  test("a reply with typos is sent as written and the agent gets a hint naming the words", async () => {
    const parent = h.fake.createUser({ first_name: "Алла" });
    parent.sendText(PARENT_BOT_TOKEN, "Подала заявку на кружок, что дальше?");
    const { threadId } = await h.ticketOf(parent);
    const reply = "здраствуйте, ваша заевка принета";
    h.agent.sendText({ chatId: h.staff.id, threadId }, reply);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(reply), 10_000, "the reply");
    const hint = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.startsWith("✏️")),
      10_000,
      "the spelling hint",
    );
    expect(hint.text).toBe(
      "✏️ Ответ отправлен. Похоже на опечатки: здраствуйте, заевка, принета. Если нужно, уточните следующим сообщением.",
    );
  });

  test("a correct reply gets no hint; a held one carries the hint in its warning", async () => {
    const parent = h.fake.createUser({ first_name: "Олег" });
    parent.sendText(PARENT_BOT_TOKEN, "Как записаться в секцию?");
    const { threadId } = await h.ticketOf(parent);
    const clean = "Здравствуйте! Ваша заявка принята, ответим сегодня.";
    h.agent.sendText({ chatId: h.staff.id, threadId }, clean);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(clean), 10_000, "the clean reply");
    const { message } = h.agent.sendText(
      { chatId: h.staff.id, threadId },
      "Ок, ваша заевка принета",
    );
    const warning = await warningFor(threadId, message);
    expect(warning.text).toContain("Разговорное слово: «Ок»");
    expect(warning.text).toContain(
      "Проверьте написание (это подсказка, отправку она не задерживает): заевка, принета.",
    );
    // The clean reply was handled before the held one (one queue per chat): had it drawn
    // a hint, the hint would be in the topic by now.
    expect(h.relayPosts(threadId).filter((m) => m.text?.startsWith("✏️"))).toEqual([]);
  });
});

describe("staff relay: the etiquette guard on /resolve comments", () => {
  test("a rude comment holds the resolution back with the reason; only the author or a supervisor sends it anyway", async () => {
    const parent = h.fake.createUser({ first_name: "Вера" });
    parent.sendText(PARENT_BOT_TOKEN, "Не вижу заявку на кружок в личном кабинете");
    const { ticket, threadId } = await h.ticketOf(parent);
    const comment = "ДЕВУШКА, ЧИТАЙТЕ ИНСТРУКЦИЮ, КОРОЧЕ ВСЁ НОРМ";
    const { message } = h.agent.sendText({ chatId: h.staff.id, threadId }, `/resolve ${comment}`);
    const warning = await warningFor(threadId, message);
    expect(warning.text).toContain("⚠️ Ответ не отправлен родителю:");
    expect(warning.text).toContain("Обращение по полу или возрасту: «ДЕВУШКА»");
    expect(warning.text).toContain("Текст заглавными буквами читается как крик");
    const held = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(held.status).toBe("new");
    expect(h.parentTexts(parent).some((t) => t.includes(comment))).toBe(false);

    const sendAnyway = warning.reply_markup?.inline_keyboard[0]?.[0];
    if (!sendAnyway || !("callback_data" in sendAnyway)) throw new Error("button expected");
    // A colleague who did not write it and is no supervisor may not overrule the guard.
    const colleague = h.fake.createUser({ first_name: "Пётр" });
    h.fake.setMember(h.staff.id, colleague, "member");
    const refused = colleague.clickButton(warning, sendAnyway.callback_data);
    await h.fake.waitFor(() => refused.answer(), 5000, "the colleague's tap answered");
    expect(refused.answer()?.text).toBe("Отправить как есть может автор ответа или руководитель");

    const sent = h.agent.clickButton(warning, sendAnyway.callback_data);
    await h.fake.waitFor(() => sent.answer(), 5000, "the author's tap answered");
    expect(sent.answer()?.text).toBe("Решено, родитель уведомлён");
    const resolution = await h.fake.waitFor(
      () => h.parentTexts(parent).find((t) => t.includes(comment)),
      5000,
      "the resolution",
    );
    expect(resolution.startsWith(`Обращение №${ticket.number} решено.`)).toBe(true);
    const audit = await h.testDb.db.auditLog.findMany({
      where: { ticketId: ticket.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "reply_flagged",
        "resolve_held",
        "send_anyway_refused",
        "resolve_sent_anyway",
      ]),
    );
    expect(audit.find((a) => a.action === "resolve")).toBeUndefined();
  });
});
