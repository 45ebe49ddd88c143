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

describe("staff relay: topics that vanish, close, and updates that fail", () => {
  test("a deleted topic is recreated with the card when the parent writes again", async () => {
    const parent = h.fake.createUser({ first_name: "Наталья" });
    parent.sendText(PARENT_BOT_TOKEN, "Не вижу расписание занятий в кружке");
    const first = await h.ticketOf(parent);
    h.fake.deleteTopic(h.staff.id, first.threadId);

    parent.sendText(PARENT_BOT_TOKEN, "Подскажите, пожалуйста, где его посмотреть?");
    const second = await h.fake.waitFor(
      async () => {
        const found = await h.ticketOf(parent);
        return found.threadId !== first.threadId ? found : undefined;
      },
      10_000,
      "a new topic",
    );
    expect(second.ticket.id).toBe(first.ticket.id);
    const topic = h.fake.topic(h.staff.id, second.threadId);
    expect(topic?.deleted).toBe(false);
    expect(topic?.name).toMatch(new RegExp(`^№${first.ticket.number} · Другое`));
    const [card] = h.relayPosts(second.threadId);
    expect(card?.message_id).toBe(second.cardMessageId);
    expect(card?.text).toContain(`Обращение №${first.ticket.number}`);
    expect(card?.text).toContain("Не вижу расписание занятий в кружке");
    expect(card?.text).toContain("Подскажите, пожалуйста, где его посмотреть?");

    // The agents carry on in the new topic.
    const reply = "Расписание есть на странице программы, раздел «Группы».";
    h.agent.sendText({ chatId: h.staff.id, threadId: second.threadId }, reply);
    await h.fake.waitFor(() => h.parentTexts(parent).includes(reply), 10_000, "the reply");
  });

  test("a topic closed under the relay is reopened when the parent writes again", async () => {
    const parent = h.fake.createUser({ first_name: "Олег" });
    parent.sendText(PARENT_BOT_TOKEN, "Как перенести запись на другое время?");
    const { threadId } = await h.ticketOf(parent);
    h.fake.closeTopic(h.staff.id, threadId, h.agent);
    parent.sendText(PARENT_BOT_TOKEN, "Ещё вопрос: можно ли записать двоих детей?");
    const post = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.includes("записать двоих детей")),
      10_000,
      "the follow-up in the topic",
    );
    expect(post.text).toBe("👤 Олег:\nЕщё вопрос: можно ли записать двоих детей?");
    expect(h.fake.topic(h.staff.id, threadId)?.closed).toBe(false);
  });

  test("an update whose handling fails for a passing reason is tried again from the inbox, and acts once", async () => {
    const parent = h.fake.createUser({ first_name: "Вера" });
    parent.sendText(PARENT_BOT_TOKEN, "Не получается прикрепить документ к заявке");
    const { ticket, threadId } = await h.ticketOf(parent);
    // A colleague's first message: the membership check meets a Telegram outage.
    const colleague = h.fake.createUser({ first_name: "Денис" });
    h.fake.setMember(h.staff.id, colleague, "member");
    h.fake.faults.failNext({ method: "getChatMember", token: RELAY_BOT_TOKEN, errorCode: 502 });
    const reply = "Прикрепите, пожалуйста, файл в формате PDF до 5 МБ.";
    const { message } = colleague.sendText({ chatId: h.staff.id, threadId }, reply);
    const failed = await h.fake.waitFor(
      async () =>
        (await h.testDb.db.inbox.findFirst({
          where: { source: "relay", error: { not: null } },
        })) ?? undefined,
      5000,
      "the failed attempt recorded on the inbox row",
    );
    expect((failed.payload as { message?: { message_id: number } }).message?.message_id).toBe(
      message.message_id,
    );
    await h.fake.waitFor(() => h.parentTexts(parent).includes(reply), 10_000, "the retried reply");
    const after = await h.testDb.db.inbox.findUniqueOrThrow({ where: { id: failed.id } });
    expect(after.doneAt).not.toBeNull();
    expect(after.attempts).toBe(2);

    // Telegram redelivering the same update later changes nothing.
    const updateId = (failed.payload as { update_id: number }).update_id;
    h.fake.redeliver(RELAY_BOT_TOKEN, updateId);
    // A note after it in the same topic is the barrier: the topic's updates are handled in
    // order, so once the note is stored a second copy of the reply would be queued.
    h.agent.sendText({ chatId: h.staff.id, threadId }, "! после повторной доставки");
    await h.fake.waitFor(
      () =>
        h.testDb.db.message.findFirst({
          where: { ticketId: ticket.id, direction: "note" },
        }),
      10_000,
      "the note after the redelivered update",
    );
    const queued = await h.testDb.db.outbox.findMany({
      where: {
        ticketId: ticket.id,
        channel: { not: "relay" },
        payload: { path: ["text"], equals: reply },
      },
    });
    expect(queued).toHaveLength(1);
    expect(h.parentTexts(parent).filter((t) => t === reply)).toHaveLength(1);
  });
});
