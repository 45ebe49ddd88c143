import { afterAll, beforeAll, expect, test } from "vitest";
import { parentChatKey, recordOutbound } from "../../core/outbound/index.js";
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

test('an agent\'s reply left "sending" by a dead worker is sent again, counted as a possible duplicate', async () => {
  const parent = h.fake.createUser({ first_name: "Евгения" });
  parent.sendText(PARENT_BOT_TOKEN, "Ребёнка не видно в списке группы, хотя заявка одобрена");
  const { ticket } = await h.ticketOf(parent);
  const message = await h.testDb.db.message.create({
    data: {
      ticketId: ticket.id,
      direction: "agent",
      text: "Проверили: ребёнок добавлен в группу.",
    },
  });
  // A worker began the send, then died before recording the result: the row is left
  // "sending" and nobody knows whether the parent got it.
  const id = await h.testDb.db.$transaction(async (tx) => {
    const rowId = await recordOutbound(tx, {
      channel: "telegram",
      chatKey: parentChatKey("telegram", String(parent.id)),
      payload: { type: "text", text: message.text },
      ticketId: ticket.id,
      messageId: message.id,
    });
    if (rowId === null) throw new Error("no outbox row");
    await tx.outbox.update({ where: { id: rowId }, data: { status: "sending", attempts: 1 } });
    return rowId;
  });
  const before = await possibleDuplicates();
  await h.core.dispatcher.dispatch([id]);
  await h.fake.waitFor(() => h.parentTexts(parent).find((t) => t === message.text), 30_000);
  await h.fake.waitFor(async () => {
    const row = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
    return row.status === "sent" ? row : undefined;
  });
  expect((await possibleDuplicates()) - before).toBe(1);
});

test("an agent's reply whose connection drops after Telegram executed it reaches the parent", async () => {
  const parent = h.fake.createUser({ first_name: "Роман" });
  parent.sendText(PARENT_BOT_TOKEN, "Не могу записаться в кружок робототехники, пишет ошибку");
  const { threadId } = await h.ticketOf(parent);
  const before = await possibleDuplicates();
  h.fake.faults.dropAfterNext({ method: "sendMessage", token: PARENT_BOT_TOKEN });
  const reply = "Ошибка исправлена, попробуйте ещё раз.";
  h.agent.sendText({ chatId: h.staff.id, threadId }, reply);
  await h.fake.waitFor(() => h.parentTexts(parent).find((t) => t.includes(reply)), 30_000);
  // The parent saw the executed send at once; the repeat is decided when the drop is seen.
  await h.fake.waitFor(async () =>
    (await possibleDuplicates()) - before === 1 ? true : undefined,
  );
});

async function possibleDuplicates(): Promise<number> {
  const metric = await h.core.metrics.possibleDuplicateSends.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}
