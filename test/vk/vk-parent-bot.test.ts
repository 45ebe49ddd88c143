import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseAttachments } from "../../core/tickets/index.js";
import { keyboardLabels, TINY_PNG } from "../support/fake-vk/index.js";
import { startVkHarness, type VkHarness } from "../support/vk-harness.js";

let h: VkHarness;
beforeAll(async () => {
  h = await startVkHarness();
});
afterAll(async () => h.close());

let nextUserId = 5_000_100;
const addParent = (firstName: string, lastName = "Петрова") =>
  h.fake.addUser({ id: nextUserId++, firstName, lastName });
/** The polite line a sticker (an empty message) gets: the barrier of the tests below. */
const UNSUPPORTED = "Я принимаю текст";
const texts = (peerId: number) => h.fake.sentMessages(peerId).map((m) => m.text);
const ticketsOf = (userId: number) =>
  h.testDb.db.ticket.findMany({
    where: { contact: { channel: "vk", externalId: String(userId) } },
    include: { messages: true },
  });

/** A message_new object made by hand, for what the fake's users cannot do themselves. */
function rawMessage(peerId: number, fields: Record<string, unknown>, langId = 0) {
  return {
    message: {
      id: 0,
      conversation_message_id: 900_000 + nextUserId,
      date: Math.floor(Date.now() / 1000),
      from_id: peerId,
      peer_id: peerId,
      out: 0,
      text: "",
      attachments: [],
      fwd_messages: [],
      important: false,
      is_hidden: false,
      random_id: 0,
      ...fields,
    },
    client_info: {
      button_actions: ["text", "callback"],
      keyboard: true,
      inline_keyboard: true,
      carousel: true,
      lang_id: langId,
    },
  };
}

describe("VK community bot over Bots Long Poll against the fake VK API", () => {
  test("/start greets and offers the menu as inline callback buttons, sent with peer_id", async () => {
    const parent = addParent("Анна");
    await parent.sendMessage("/start");
    const greeting = await h.fake.waitForSentMessage(parent.id);
    expect(greeting.text).toMatch(/^Здравствуйте! Это поддержка Навигатора/);
    expect(greeting.keyboard?.inline).toBe(true);
    expect(keyboardLabels(greeting.keyboard)).toEqual([
      ["Частые вопросы"],
      ["Написать в поддержку"],
      ["Мои обращения"],
    ]);
    expect(greeting.keyboard?.buttons[0]?.[0]?.action).toMatchObject({
      type: "callback",
      payload: JSON.stringify({ a: "m:f" }),
    });
    const [send] = h.fake
      .callsTo("messages.send")
      .filter((c) => c.params.peer_id === String(parent.id));
    expect(send?.params.peer_ids).toBeUndefined();
    const row = await h.fake.waitFor(() =>
      h.testDb.db.outbox.findFirst({ where: { chatKey: `vk:${parent.id}`, status: "sent" } }),
    );
    expect(greeting.randomId).toBe(row.id * 100);
    expect(row.externalMessageId).toBe(String(greeting.id));
  });

  test("an out-of-scope question opens a ticket with its number and due time", async () => {
    const parent = addParent("Ольга", "Смирнова");
    await parent.sendMessage("Не получается подписать договор на кружок, пишет ошибку 500");
    const reply = await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    expect(reply.text).toMatch(/^Обращение №\d+ принято\. Ответим до \d\d:\d\d \d{1,2} [а-я]+\./);
    const [ticket] = await ticketsOf(parent.id);
    expect(reply.text).toContain(`№${ticket?.number}`);
    expect(ticket?.messages[0]).toMatchObject({
      direction: "in",
      text: "Не получается подписать договор на кружок, пишет ошибку 500",
      externalChatId: String(parent.id),
    });
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { channel: "vk", externalId: String(parent.id) },
    });
    expect(contact).toMatchObject({ displayName: "Ольга Смирнова", locale: "ru" });
    expect(keyboardLabels(reply.keyboard)).toEqual([
      ["Навигатор (сайт)", "Система бронирования", "Другое"],
    ]);
  });

  test("a callback button is handled by core, answered, and its keyboard removed", async () => {
    const parent = addParent("Вера");
    await parent.sendMessage("Заявка на кружок висит на рассмотрении вторую неделю");
    const opened = await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const press = await parent.pressButton("Система бронирования");
    expect(press.event.type).toBe("message_event");
    const notice = await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("Тема"));
    expect(notice.text).toMatch(/^Тема обращения №\d+: Система бронирования\.$/);
    await h.fake.waitFor(() =>
      h.fake.messageEventAnswers().find((a) => a.eventId === press.event.object.event_id),
    );
    const [ticket] = await ticketsOf(parent.id);
    expect(ticket?.category).toBe("booking");
    const edited = await h.fake.waitFor(() =>
      h.fake.sentMessages(parent.id).find((m) => m.id === opened.id && m.previousTexts.length > 0),
    );
    expect(edited.text).toBe(opened.text);
    expect(edited.keyboard?.buttons ?? []).toEqual([]);
  });

  test("a text button (message_new with payload) reaches core as a button press", async () => {
    const parent = addParent("Пётр");
    await parent.sendMessage("Мои обращения", { payload: { a: "m:t" } });
    const reply = await h.fake.waitForSentMessage(parent.id);
    expect(reply.text).toBe("Обращений пока нет. Напишите вопрос, и мы поможем.");
    await parent.sendMessage("Старая кнопка", { payload: { a: "rt:999999:5" } });
    const stale = await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("неактуальна"));
    expect(stale.text).toBe("Эта кнопка уже неактуальна.");
    expect(await ticketsOf(parent.id)).toHaveLength(0);
  });

  test("the same event_id delivered twice gives one ticket and one reply", async () => {
    const parent = addParent("Ирина");
    const { eventId } = await parent.sendMessage("Не могу найти свою заявку в личном кабинете");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    await h.fake.redeliver(eventId);
    // A sticker after it is the barrier: the chat's events are handled and its replies sent
    // in order, so a second reply to the redelivered event would come before this one.
    await parent.sendMessage("");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith(UNSUPPORTED));
    expect(texts(parent.id)).toEqual([
      expect.stringContaining("принято"),
      expect.stringMatching(/^Я принимаю текст/),
    ]);
    expect(await ticketsOf(parent.id)).toHaveLength(1);
    const claimed = await h.testDb.db.inbox.findMany({
      where: { source: "vk", dedupeKey: { startsWith: `vk:${h.fake.groupId}:e:${eventId}` } },
    });
    expect(claimed).toHaveLength(1);
  });

  test("follow-ups are appended and acknowledged with one short line, not a wall of text", async () => {
    const parent = addParent("Сергей");
    await parent.sendMessage("Не приходит код подтверждения на телефон");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    await parent.sendMessage("И ещё: номер телефона указан верно");
    await parent.sendMessage("Проверил ещё раз — кода нет");
    const ack = await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("Добавили"));
    expect(ack.text).toMatch(/^Добавили к обращению №\d+\.$/);
    const [ticket] = await h.fake.waitFor(async () => {
      const tickets = await ticketsOf(parent.id);
      return tickets[0]?.messages.length === 3 ? tickets : undefined;
    });
    expect(ticket?.messages.map((m) => m.text)).toEqual([
      "Не приходит код подтверждения на телефон",
      "И ещё: номер телефона указан верно",
      "Проверил ещё раз — кода нет",
    ]);
    // A sticker after them is the barrier (events handled, replies sent, in order).
    await parent.sendMessage("");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith(UNSUPPORTED));
    expect(texts(parent.id).filter((t) => t.startsWith("Добавили"))).toHaveLength(1);
  });

  test("photos and documents become ticket attachments the VK file fetcher downloads", async () => {
    const parent = addParent("Лидия");
    const scan = Buffer.from("%PDF-1.4 скан свидетельства");
    await parent.sendMessage("скриншот ошибки и скан", {
      attachments: [
        { type: "photo", data: TINY_PNG },
        { type: "doc", title: "scan.pdf", data: scan, contentType: "application/pdf" },
      ],
    });
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const [ticket] = await ticketsOf(parent.id);
    const attachments = parseAttachments(ticket?.messages[0]?.attachments);
    expect(attachments.map((a) => a.kind)).toEqual(["photo", "document"]);
    expect(attachments[0]?.fileId).toMatch(new RegExp(`^photo${parent.id}_\\d+_\\w+$`));
    expect(attachments[1]).toMatchObject({ fileName: "scan.pdf", fileSize: scan.length });
    const fetchVk = h.fetchers.vk;
    if (!fetchVk) throw new Error("the VK channel registers no file fetcher");
    const [photo, doc] = await Promise.all(attachments.map((a) => fetchVk(a)));
    expect(photo?.data.equals(TINY_PNG)).toBe(true);
    expect(doc).toMatchObject({ fileName: "scan.pdf", mimeType: "application/pdf" });
    expect(doc?.data.equals(scan)).toBe(true);
  });

  test("a message with nothing to relay (a sticker, say) gets one polite line", async () => {
    const parent = addParent("Зоя");
    await parent.sendMessage("");
    const reply = await h.fake.waitForSentMessage(parent.id);
    expect(reply.text).toMatch(/^Я принимаю текст, фото, документы/);
    expect(await ticketsOf(parent.id)).toHaveLength(0);
  });

  test("VK in English (lang_id 3) gets English texts", async () => {
    const parent = addParent("Ann", "Lee");
    await h.fake.emitEvent("message_new", rawMessage(parent.id, { text: "/start" }, 3));
    const greeting = await h.fake.waitForSentMessage(parent.id);
    expect(greeting.text).toMatch(/^Hello! This is the support service/);
  });

  test("forwarded messages reach the ticket quoted under the parent's words", async () => {
    const parent = addParent("Фаина");
    const forwarded = {
      date: Math.floor(Date.now() / 1000) - 3600,
      from_id: -1234,
      text: "Ваша заявка отклонена.\nПричина: не подтверждён сертификат",
      attachments: [],
    };
    await h.fake.emitEvent(
      "message_new",
      rawMessage(parent.id, { text: "Что это значит?", fwd_messages: [forwarded] }),
    );
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const [ticket] = await ticketsOf(parent.id);
    expect(ticket?.messages[0]?.text).toBe(
      "Что это значит?\n\n» Ваша заявка отклонена.\n» Причина: не подтверждён сертификат",
    );
  });

  test("VK's own 'Начать' button (payload command start) greets like /start", async () => {
    const parent = addParent("Нелли");
    await parent.sendMessage("Начать", { payload: { command: "start" } });
    const greeting = await h.fake.waitForSentMessage(parent.id);
    expect(greeting.text).toMatch(/^Здравствуйте! Это поддержка Навигатора/);
  });

  test("an edit of a message in a ticket updates the stored text", async () => {
    const parent = addParent("Эмма");
    await parent.sendMessage("Не могу записать рбенка на кружок");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const [ticket] = await ticketsOf(parent.id);
    const original = ticket?.messages[0];
    expect(original?.externalMessageId).toMatch(/^\d+$/);
    // message_edit carries the message itself (no client_info), as VK sends it.
    const { message } = rawMessage(parent.id, {
      conversation_message_id: Number(original?.externalMessageId),
      text: "Не могу записать ребёнка на кружок",
      update_time: Math.floor(Date.now() / 1000),
    });
    await h.fake.emitEvent("message_edit", message);
    const edited = await h.fake.waitFor(() =>
      h.testDb.db.message.findFirst({ where: { id: original?.id, editedAt: { not: null } } }),
    );
    expect(edited.text).toBe("Не могу записать ребёнка на кружок");
  });

  test("message_deny marks the parent unreachable and message_allow lifts it", async () => {
    const parent = addParent("Дина");
    await parent.sendMessage("/start");
    await h.fake.waitForSentMessage(parent.id);
    const blockedAt = async () =>
      (
        await h.testDb.db.contact.findFirstOrThrow({
          where: { channel: "vk", externalId: String(parent.id) },
        })
      ).blockedAt;
    await h.fake.emitEvent("message_deny", { user_id: parent.id });
    await h.fake.waitFor(async () => (await blockedAt()) !== null);
    await h.fake.emitEvent("message_allow", { user_id: parent.id, key: "" });
    await h.fake.waitFor(async () => (await blockedAt()) === null);
  });
});
