import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness();
});
afterAll(async () => h.close());

describe("staff relay: tickets, replies, notes, resolve", () => {
  test("a new ticket gets a topic named with number, category and status, the card first", async () => {
    const parent = h.fake.createUser({ first_name: "<b>Ольга</b>", last_name: "&amp;" });
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Не могу записаться в кружок, пишет ошибку. Мой телефон +7 912 345-67-89",
    );
    const { ticket, threadId, cardMessageId } = await h.ticketOf(parent);
    expect(h.fake.topic(h.staff.id, threadId)?.name).toMatch(
      new RegExp(`^№${ticket.number} · Другое · 🟢 2[34]ч$`),
    );
    const [card] = h.relayPosts(threadId);
    expect(card?.message_id).toBe(cardMessageId);
    expect(card?.text).toContain(`Обращение №${ticket.number} · Другое`);
    expect(card?.text).toContain("Родитель: <b>Ольга</b> &amp; · Telegram");
    expect(card?.text).toContain("Муниципалитет: не указан");
    expect(card?.text).toMatch(/Ответить до: \d\d:\d\d \d{1,2} [а-я]+ \(осталось 2[34]ч\)/);
    expect(card?.text).toContain("Не могу записаться в кружок");
    expect(card?.text).not.toContain("345-67-89");
    // Sent as plain text: only what Telegram detects by itself (links, commands), no markup.
    const formatting = (card?.entities ?? []).filter(
      (e) => !["bot_command", "url", "phone_number", "email"].includes(e.type),
    );
    expect(formatting).toEqual([]);
    expect(card?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      "Взять",
      "Решено",
      "Пауза",
      "👁 Показать данные",
    ]);
    const cardCall = h.fake
      .calls({ token: RELAY_BOT_TOKEN, method: "sendMessage" })
      .find((c) => c.ok && (c.result as { message_id?: number }).message_id === cardMessageId);
    expect(cardCall?.params.parse_mode).toBeUndefined();
  });

  test("messages sent in a burst before the topic exists each show up once", async () => {
    const parent = h.fake.createUser({ first_name: "Фёдор" });
    parent.sendText(PARENT_BOT_TOKEN, "Здравствуйте, не могу зайти в личный кабинет");
    parent.sendText(PARENT_BOT_TOKEN, "Пишет «неверный пароль», хотя пароль верный");
    parent.sendText(PARENT_BOT_TOKEN, "Восстановление пароля тоже не помогает");
    const { threadId } = await h.ticketOf(parent);
    // A later message is the barrier: the parent's messages are handled in order and a
    // ticket's posts sent in order, so once it shows, a duplicate would have shown too.
    parent.sendText(PARENT_BOT_TOKEN, "Жду ответа, спасибо");
    await h.fake.waitFor(
      () => h.relayPosts(threadId).some((m) => m.text?.includes("Жду ответа")),
      10_000,
      "the later message in the topic",
    );
    const shown = h
      .relayPosts(threadId)
      .map((m) => m.text ?? "")
      .join("\n---\n");
    for (const text of ["неверный пароль", "Восстановление пароля"])
      expect(shown.split(text).length - 1, text).toBe(1);
  });

  test("an agent's reply in the topic reaches the parent as the exact text and is the first response", async () => {
    const parent = h.fake.createUser({ first_name: "Пётр" });
    parent.sendText(PARENT_BOT_TOKEN, "Не приходит код подтверждения на почту");
    const { ticket, threadId } = await h.ticketOf(parent);
    const reply =
      "Здравствуйте! Проверьте, пожалуйста, папку «Спам»: письмо приходит с адреса noreply@навигатор.дети.";
    h.agent.sendText({ chatId: h.staff.id, threadId }, reply);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(reply), 10_000, "the reply");
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.status).toBe("waiting_parent");
    const agent = await h.testDb.db.agent.findUniqueOrThrow({
      where: { telegramUserId: String(h.agent.id) },
    });
    expect(agent.displayName).toBe("Ирина Петрова");
  });

  test("an internal note ('!' or /note) stays in the topic: the parent receives nothing", async () => {
    const parent = h.fake.createUser({ first_name: "Анна" });
    parent.sendText(PARENT_BOT_TOKEN, "Сертификат не активируется, что делать?");
    const { ticket, threadId } = await h.ticketOf(parent);
    // What is queued for the parent: a note and anything it sent would share a transaction.
    const queuedForParent = () =>
      h.testDb.db.outbox.count({ where: { ticketId: ticket.id, channel: { not: "relay" } } });
    const before = await queuedForParent();
    h.agent.sendText({ chatId: h.staff.id, threadId }, "! звонила в школу, ждём ответ");
    h.agent.sendText({ chatId: h.staff.id, threadId }, "/note уточнить у оператора ПФДО");
    await h.fake.waitFor(
      async () =>
        (await h.testDb.db.message.count({ where: { ticketId: ticket.id, direction: "note" } })) ===
        2,
      5000,
      "two notes stored",
    );
    expect(await queuedForParent()).toBe(before);
    const notes = await h.testDb.db.message.findMany({
      where: { ticketId: ticket.id, direction: "note" },
      orderBy: { id: "asc" },
    });
    expect(notes.map((n) => n.text)).toEqual([
      "звонила в школу, ждём ответ",
      "уточнить у оператора ПФДО",
    ]);
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.firstResponseAt).toBeNull();
  });

  test("/resolve tells the parent at once (with the comment) and closes the topic, renamed ✅", async () => {
    const parent = h.fake.createUser({ first_name: "Мария" });
    parent.sendText(PARENT_BOT_TOKEN, "Как отменить заявку на кружок?");
    const { ticket, threadId } = await h.ticketOf(parent);
    h.agent.sendText(
      { chatId: h.staff.id, threadId },
      "/resolve Заявку отменили, место освобождено",
    );
    const notice = await h.fake.waitFor(
      () =>
        h.parentTexts(parent).find((t) => t.includes(`№${ticket.number}`) && t.includes("решено")),
      10_000,
      "the parent's notice",
    );
    expect(notice).toContain("Заявку отменили, место освобождено");
    await h.fake.waitFor(() => h.fake.topic(h.staff.id, threadId)?.closed, 10_000, "closed topic");
    expect(h.fake.topic(h.staff.id, threadId)?.name).toBe(`№${ticket.number} · Другое · ✅`);
    const posts = h.relayPosts(threadId).map((m) => m.text);
    expect(posts).toContain("✅ Решено (Ирина Петрова). Родитель уведомлён.");
    const { cardMessageId } = await h.ticketOf(parent);
    const buttons = () =>
      h.fake
        .message(h.staff.id, cardMessageId)
        ?.reply_markup?.inline_keyboard.flat()
        .map((b) => b.text)
        .join(",");
    await h.fake.waitFor(() => buttons() === "Открыть снова", 5000, "the card's reopen button");
  });

  test("a /resolve from someone who is not a member of the staff group does nothing", async () => {
    const parent = h.fake.createUser({ first_name: "Елена" });
    parent.sendText(PARENT_BOT_TOKEN, "Не открывается страница программы");
    const { ticket, threadId } = await h.ticketOf(parent);
    const stranger = h.fake.createUser({ first_name: "Посторонний" });
    h.fake.setMember(h.staff.id, stranger, "member");
    const { update } = stranger.sendText({ chatId: h.staff.id, threadId }, "/resolve");
    // They leave before the bot gets to the update: membership is checked when it acts.
    h.fake.setMember(h.staff.id, stranger, "left");
    await h.fake.waitFor(
      () =>
        h.fake
          .calls({ token: RELAY_BOT_TOKEN, method: "getChatMember" })
          .some((c) => c.params.user_id === stranger.id),
      5000,
      "the membership check",
    );
    expect(update).toBeDefined();
    // The agent's note in the same topic is the barrier: the topic's updates are handled
    // in order, so once the note is stored the stranger's /resolve has been handled too.
    h.agent.sendText({ chatId: h.staff.id, threadId }, "! посторонний писал /resolve");
    await h.fake.waitFor(
      () => h.testDb.db.message.findFirst({ where: { ticketId: ticket.id, direction: "note" } }),
      10_000,
      "the note after the stranger's /resolve",
    );
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe("new");
    // Nothing queued for the parent (what is queued is delivered later, so check the queue).
    const queued = await h.testDb.db.outbox.findMany({
      where: { ticketId: ticket.id, channel: { not: "relay" } },
    });
    expect(queued.filter((r) => JSON.stringify(r.payload).includes("решено"))).toEqual([]);
    expect(h.parentTexts(parent).some((t) => t.includes("решено"))).toBe(false);
    expect(h.fake.topic(h.staff.id, threadId)?.closed).toBe(false);
    expect(await h.testDb.db.agent.count({ where: { telegramUserId: String(stranger.id) } })).toBe(
      0,
    );
  });
});
