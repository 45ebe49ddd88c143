import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GroupHandle } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";
import { testConfig } from "../support/test-core.js";

const MINUTE = 60_000;
/** The booking line promises 4 hours instead of the global 24. */
const BOOKING_MINUTES = 240;

let h: RelayHarness;
let booking: GroupHandle;
beforeAll(async () => {
  h = await startRelayHarness({
    lineGroups: ["booking"],
    faq: "default",
    config: { sla: { ...testConfig().sla, lineMinutes: { booking: BOOKING_MINUTES } } },
  });
  const group = h.lineGroups.booking;
  if (!group) throw new Error("the harness started without the booking group");
  booking = group;
});
afterAll(async () => h.close());

const inTopic = (chatId: number, threadId: number) => ({ chatId, threadId });

describe("lines: their own groups, SLA and /line", () => {
  test("a booking question opens its topic in the booking line's group, due in the line's time", async () => {
    const parent = h.fake.createUser({ first_name: "Ника" });
    parent.sendText(PARENT_BOT_TOKEN, "Бронирование на экскурсию не проходит, кнопка серая");
    const { ticket, threadId } = await h.ticketOf(parent);
    expect(ticket.category).toBe("booking");
    expect(ticket.relayChatId).toBe(String(booking.id));
    expect(h.fake.topic(booking.id, threadId)?.name).toMatch(/^№\d+ · Бронирование · /);
    expect(ticket.firstResponseDueAt.getTime() - ticket.createdAt.getTime()).toBe(
      BOOKING_MINUTES * MINUTE,
    );
  });

  test("/line booking moves a ticket with its card, history and files; the parent hears the new time", async () => {
    const parent = h.fake.createUser({ first_name: "Фёдор" });
    parent.sendText(
      PARENT_BOT_TOKEN,
      "Ошибка 500 при подписании договора на портале, телефон +7 922 111-22-33",
    );
    const old = await h.ticketOf(parent);
    expect(old.ticket.category).toBe("site");
    expect(old.ticket.relayChatId).toBe(String(h.staff.id));
    parent.sendPhoto(PARENT_BOT_TOKEN, { caption: "Скриншот ошибки", data: Buffer.from("png") });
    await h.fake.waitFor(
      () => h.relayPosts(old.threadId).find((m) => m.photo),
      10_000,
      "the photo in the old topic",
    );

    h.agent.sendText(inTopic(h.staff.id, old.threadId), "/line booking");

    const moved = await h.fake.waitFor(
      async () => {
        const t = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: old.ticket.id } });
        return t.relayChatId === String(booking.id) && t.relayCardMessageId ? t : undefined;
      },
      10_000,
      "the ticket's topic in the booking group",
    );
    expect(moved.category).toBe("booking");
    const threadId = moved.relayThreadId ?? 0;
    const posts = () => h.relayPosts(threadId, booking.id);
    const history = await h.fake.waitFor(
      () => posts().find((m) => m.text?.startsWith("📜 История обращения")),
      10_000,
      "the history in the new topic",
    );
    expect(posts()[0]?.message_id).toBe(moved.relayCardMessageId);
    expect(posts()[0]?.text).toContain(`Обращение №${moved.number}`);
    expect(history.text).toContain("Ошибка 500 при подписании договора на портале");
    expect(history.text).toContain("Скриншот ошибки");
    // Masked as everywhere in the staff groups.
    expect(history.text).not.toContain("111-22-33");
    const copied = await h.fake.waitFor(
      () => posts().find((m) => m.photo),
      10_000,
      "the photo copied to the new topic",
    );
    expect(copied.caption).toContain("Скриншот ошибки");
    expect(h.fake.topic(booking.id, threadId)?.name).toMatch(/^№\d+ · Бронирование · /);

    // The old topic says where the ticket went and is closed.
    const note = await h.fake.waitFor(
      () => h.relayPosts(old.threadId).find((m) => m.text?.startsWith("➡️")),
      10_000,
      "the note in the old topic",
    );
    expect(note.text).toContain("«Бронирование»");
    await h.fake.waitFor(
      () =>
        (h.fake.message(h.staff.id, old.cardMessageId, RELAY_BOT_TOKEN)?.reply_markup
          ?.inline_keyboard.length ?? 0) === 0 || undefined,
      10_000,
      "the old card without buttons",
    );
    await h.fake.waitFor(
      () => h.fake.topic(h.staff.id, old.threadId)?.closed || undefined,
      10_000,
      "the old topic closed",
    );

    // The deadline is counted again by the booking line's 4 hours, and the parent is told.
    const started = (old.ticket.responseDueAt?.getTime() ?? 0) - 1440 * MINUTE;
    expect(moved.responseDueAt?.getTime()).toBe(started + BOOKING_MINUTES * MINUTE);
    await h.fake.waitFor(
      () => h.parentTexts(parent).find((t) => t.includes("передали специалистам")),
      10_000,
      "the new time at the parent's",
    );
    const audit = await h.testDb.db.auditLog.findFirstOrThrow({
      where: { ticketId: moved.id, action: "ticket_line_moved" },
    });
    expect(audit.details).toMatchObject({
      from: "site",
      to: "booking",
      fromChatId: String(h.staff.id),
      toChatId: String(booking.id),
    });

    // Agents of the booking line answer from the new topic.
    h.agent.sendText(inTopic(booking.id, threadId), "Проверим бронирование и вернёмся с ответом.");
    await h.fake.waitFor(
      () => h.parentTexts(parent).find((t) => t === "Проверим бронирование и вернёмся с ответом."),
      10_000,
      "the reply from the booking group at the parent's",
    );
    expect(h.fake.calls({ token: RELAY_BOT_TOKEN, method: "copyMessages" })).toHaveLength(1);
  });

  test("/line to the same group renames the topic and keeps it; the parent is not told when the time is the same", async () => {
    const parent = h.fake.createUser({ first_name: "Рита" });
    parent.sendText(PARENT_BOT_TOKEN, "Ошибка 500 при подписании договора на портале");
    const { ticket, threadId } = await h.ticketOf(parent);
    // What is queued for the parent: a notice would be written with the topic's note, in
    // one transaction, so once the note shows this is final (what the fake has seen is not).
    const queuedForParent = () =>
      h.testDb.db.outbox.count({ where: { ticketId: ticket.id, channel: { not: "relay" } } });
    const before = await queuedForParent();
    h.agent.sendText(inTopic(h.staff.id, threadId), "/line other");
    await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.startsWith("🔀")),
      10_000,
      "the note in the topic",
    );
    await h.fake.waitFor(
      () => /· Другое ·/.test(h.fake.topic(h.staff.id, threadId)?.name ?? "") || undefined,
      10_000,
      "the topic renamed",
    );
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after).toMatchObject({ category: "other", relayThreadId: threadId });
    expect(after.responseDueAt?.getTime()).toBe(ticket.responseDueAt?.getTime());
    expect(h.fake.topic(h.staff.id, threadId)?.closed).toBe(false);
    expect(await queuedForParent()).toBe(before);
  });
});
