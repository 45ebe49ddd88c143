import { afterAll, beforeAll, expect, test } from "vitest";
import { parentChatKey, recordOutbound, type OutboxItem } from "../../core/outbound/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => h.close());

test("a worker killed between sending and recording: the reply goes out again, counted as a possible duplicate", async () => {
  const parent = h.fake.createUser({ first_name: "Надежда" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
  const chatKey = parentChatKey("telegram", String(parent.id));
  // What the dying worker did: it marked the row as being sent (written in the same step
  // here, so no running worker can pick the row up first), the Bot API executed the send,
  // then the process died before the result was written down.
  const id = await h.testDb.db.$transaction(async (tx) => {
    const rowId = await recordOutbound(tx, {
      channel: "telegram",
      chatKey,
      payload: { type: "text", text: "Ответ специалиста: сертификат активирован." },
    });
    if (rowId === null) throw new Error("no outbox row");
    await tx.outbox.update({ where: { id: rowId }, data: { status: "sending" } });
    return rowId;
  });
  const sender = h.channel.senders.telegram;
  if (!sender) throw new Error("no telegram sender");
  const item: OutboxItem = {
    id,
    channel: "telegram",
    chatId: String(parent.id),
    payload: { type: "text", text: "Ответ специалиста: сертификат активирован." },
    ticketId: null,
    messageId: null,
    attempts: 0,
  };
  await sender.send(item);

  // A fresh worker (a restarted process) finds the row "sending": the outcome is unknown,
  // so it sends again (Telegram has no idempotency key; silence would be worse).
  await h.stopDelivery();
  await h.startDelivery();
  await h.core.dispatcher.dispatch([id]);
  const row = await h.waitFor(async () => {
    const r = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
    return r.status === "sent" ? r : undefined;
  });
  expect(row.attempts).toBe(2);
  const copies = h.fake
    .sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })
    .filter((t) => t.startsWith("Ответ специалиста"));
  expect(copies).toHaveLength(2);
  expect(await possibleDuplicates(h)).toBe(1);
});

test("the connection drops after Telegram executed sendMessage: the parent still gets the reply, sent again", async () => {
  const parent = h.fake.createUser({ first_name: "Инна" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
  const before = await possibleDuplicates(h);
  h.fake.faults.dropAfterNext({ method: "sendMessage", token: PARENT_BOT_TOKEN });
  const id = await h.testDb.db.$transaction((tx) =>
    recordOutbound(tx, {
      channel: "telegram",
      chatKey: parentChatKey("telegram", String(parent.id)),
      payload: { type: "text", text: "Ответ: заявка одобрена." },
    }),
  );
  await h.core.dispatcher.dispatch([id as number]);
  const row = await h.waitFor(async () => {
    const r = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id: id as number } });
    return r.status === "sent" ? r : undefined;
  }, 30_000);
  expect(row.errorCode).toBe("AMBIGUOUS");
  expect(h.fake.faults.injected.filter((f) => f.errorCode === 0)).toHaveLength(1);
  const copies = h.fake
    .sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })
    .filter((t) => t === "Ответ: заявка одобрена.");
  // The dropped send was executed, and the repeat too: the parent sees it twice, rarely.
  expect(copies).toHaveLength(2);
  expect((await possibleDuplicates(h)) - before).toBe(1);
});

async function possibleDuplicates(harness: TelegramHarness): Promise<number> {
  const metric = await harness.core.metrics.possibleDuplicateSends.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

test("messages to one chat leave in the order they were written, even across retries", async () => {
  const parent = h.fake.createUser({ first_name: "Олег" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
  h.fake.faults.failNext({
    method: "sendMessage",
    token: PARENT_BOT_TOKEN,
    errorCode: 502,
    count: 2,
  });
  const chatKey = parentChatKey("telegram", String(parent.id));
  const ids = await h.testDb.db.$transaction(async (tx) => {
    const out: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const id = await recordOutbound(tx, {
        channel: "telegram",
        chatKey,
        payload: { type: "text", text: `Часть ${i}` },
      });
      if (id !== null) out.push(id);
    }
    return out;
  });
  // Jobs in reverse order: the deliverer still drains the chat oldest first.
  await h.core.dispatcher.dispatch([...ids].reverse());
  const parts = await h
    .waitFor(() => {
      const sent = h.fake
        .sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })
        .filter((t) => t.startsWith("Часть"));
      return sent.length === 5 ? sent : undefined;
      // auto-retry waits 3 s, then 6 s, before it tries a 5xx again.
    }, 40_000)
    .catch(async (error: unknown) => {
      const rows = await h.testDb.db.outbox.findMany({
        where: { id: { in: ids } },
        orderBy: { id: "asc" },
      });
      const calls = h.fake.calls({
        token: PARENT_BOT_TOKEN,
        method: "sendMessage",
        chatId: parent.id,
      });
      throw new Error(
        `${String(error)}; rows ${JSON.stringify(rows.map((r) => [r.status, r.attempts, r.errorCode, r.notBefore]))}; calls ${JSON.stringify(calls.map((c) => [c.httpStatus, c.params.text]))}`,
      );
    });
  expect(parts).toEqual(["Часть 1", "Часть 2", "Часть 3", "Часть 4", "Часть 5"]);
}, 50_000);
