import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FakeUser } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness({ faq: "default" });
});
afterAll(async () => h.close());

const tickets = (parent: FakeUser) =>
  h.testDb.db.ticket.findMany({
    where: { contact: { externalId: String(parent.id) } },
    orderBy: { id: "asc" },
  });

describe("a second question is a question", () => {
  test("an FAQ question on an open ticket is answered at once and shown in the topic as answered", async () => {
    const parent = h.fake.createUser({ first_name: "Нелли" });
    parent.sendText(PARENT_BOT_TOKEN, "Тренер отменил занятия, а деньги за месяц не вернули");
    const { ticket, threadId } = await h.ticketOf(parent);
    parent.sendText(PARENT_BOT_TOKEN, "забыла пароль от личного кабинета, как восстановить?");
    const answer = await h.fake.waitFor(
      () => h.parentTexts(parent).find((t) => /Забыли пароль/.test(t)),
      10_000,
      "the FAQ answer at the parent's",
    );
    expect(answer).toMatch(/Помог ли ответ\?$/);
    const post = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.includes("забыла пароль")),
      10_000,
      "the question in the topic",
    );
    expect(post.text).toContain("🤖 Ответ из FAQ уже отправлен");
    const after = await tickets(parent);
    expect(after).toHaveLength(1);
    // No reply is owed for what the FAQ answered: the ticket's clock is as it was.
    expect(after[0]?.responseDueAt?.getTime()).toBe(ticket.responseDueAt?.getTime());
    expect(after[0]?.status).toBe(ticket.status);
  });

  test("a question clearly about another line opens a ticket on that line", async () => {
    const parent = h.fake.createUser({ first_name: "Олег" });
    parent.sendText(PARENT_BOT_TOKEN, "Бронирование на экскурсию не проходит, кнопка серая");
    const first = await h.ticketOf(parent);
    expect(first.ticket.category).toBe("booking");
    parent.sendText(PARENT_BOT_TOKEN, "Ещё: ошибка 500 при подписании договора на портале");
    const second = await h.fake.waitFor(
      async () => {
        const all = await tickets(parent);
        return all.length === 2 && all[1]?.relayThreadId ? all[1] : undefined;
      },
      10_000,
      "a second ticket",
    );
    expect(second.category).toBe("site");
    expect(second.relayThreadId).not.toBe(first.threadId);
    await h.fake.waitFor(
      () => h.parentTexts(parent).filter((t) => t.includes("принято")).length === 2 || undefined,
      10_000,
      "the second ticket's number at the parent's",
    );
    expect(await h.testDb.db.message.count({ where: { ticketId: first.ticket.id } })).toBe(1);
  });

  test("short replies and plain follow-ups stay in the open ticket", async () => {
    const parent = h.fake.createUser({ first_name: "Инна" });
    parent.sendText(PARENT_BOT_TOKEN, "Бронирование на экскурсию не проходит, кнопка серая");
    const { ticket } = await h.ticketOf(parent);
    const replies = ["спасибо", "да", "123456", "Жду, проверьте, пожалуйста, ещё раз сегодня"];
    for (const text of replies) {
      const sent = parent.sendText(PARENT_BOT_TOKEN, text);
      await h.fake.waitFor(
        () => h.fake.reactions(parent.id).find((r) => r.messageId === sent.message.message_id),
        10_000,
        `the reaction to "${text}"`,
      );
    }
    expect(await tickets(parent)).toHaveLength(1);
    expect(await h.testDb.db.message.count({ where: { ticketId: ticket.id } })).toBe(
      1 + replies.length,
    );
  });
});
