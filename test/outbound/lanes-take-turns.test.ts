import { afterAll, beforeAll, expect, test } from "vitest";
import {
  type ChannelSender,
  deliverChat,
  type OutboxItem,
  recordOutbound,
  relayChatKey,
} from "../../core/outbound/index.js";
import { createChatLock, createRateGate } from "../../core/queue/index.js";
import { systemClock } from "../../core/shared/index.js";
import { createTestCore, type TestCore } from "../support/test-core.js";

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.close());

async function ticket(number: number): Promise<number> {
  const contact = await t.testDb.db.contact.create({
    data: { channel: "telegram", externalId: `lane-${number}` },
  });
  const row = await t.testDb.db.ticket.create({
    data: { number, contactId: contact.id, category: "other", firstResponseDueAt: new Date() },
  });
  return row.id;
}

test("a chat whose sender asks for lanes sends its tickets' rows in turns, in order within each", async () => {
  const [a, b, c] = [await ticket(1), await ticket(2), await ticket(3)];
  // Ticket a floods first; b and c write after it; a general text comes last.
  const queued: { ticketId?: number; label: string }[] = [
    ...Array.from({ length: 5 }, (_, i) => ({ ticketId: a, label: `a${i + 1}` })),
    { ticketId: b, label: "b1" },
    { ticketId: c, label: "c1" },
    { ticketId: b, label: "b2" },
    { label: "g1" },
  ];
  for (const row of queued)
    await t.testDb.db.$transaction((tx) =>
      recordOutbound(tx, {
        channel: "relay",
        chatKey: relayChatKey,
        payload: { op: "general_text", key: row.label, args: {} },
        ticketId: row.ticketId,
      }),
    );
  const sent: string[] = [];
  const sender: ChannelSender = {
    idempotent: true,
    lanes: true,
    async send(item: OutboxItem) {
      sent.push((item.payload as { key: string }).key);
      return {};
    },
  };
  await deliverChat(
    {
      db: t.testDb.db,
      clock: systemClock,
      senders: { relay: sender },
      lock: createChatLock(t.core.redis, t.core.queuePrefix),
      gate: createRateGate(t.core.redis, t.core.queuePrefix),
      scheduleWake: async () => undefined,
      onPermanentFailure: async () => undefined,
    },
    "relay",
    relayChatKey,
  );
  // Lanes never served go in the order they were queued; then the one served longest ago.
  expect(sent).toEqual(["a1", "b1", "c1", "g1", "a2", "b2", "a3", "a4", "a5"]);
});
