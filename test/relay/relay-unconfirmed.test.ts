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

test("an agent's reply whose send outcome is unknown is not repeated, and the topic says so", async () => {
  const parent = h.fake.createUser({ first_name: "Евгения" });
  parent.sendText(PARENT_BOT_TOKEN, "Ребёнка не видно в списке группы, хотя заявка одобрена");
  const { ticket, threadId } = await h.ticketOf(parent);
  const message = await h.testDb.db.message.create({
    data: {
      ticketId: ticket.id,
      direction: "agent",
      text: "Проверили: ребёнок добавлен в группу.",
    },
  });
  // A worker sent it, then died before recording the result: the row is left "sending".
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
  await h.core.dispatcher.dispatch([id]);
  const notice = await h.fake.waitFor(
    () => h.relayPosts(threadId).find((m) => m.text?.includes("ответ мог не дойти до родителя")),
    10_000,
  );
  expect(notice.text).toMatch(/^⚠️ Связь прервалась во время отправки/);
  const row = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
  expect([row.status, row.errorCode]).toEqual(["sent", "UNCONFIRMED"]);
  expect(h.parentTexts(parent).filter((t) => t === message.text)).toHaveLength(0);
});
