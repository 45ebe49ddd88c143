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
import { countStatements, type StatementCounter } from "../support/statement-counter.js";
import { createTestCore, type TestCore } from "../support/test-core.js";

/**
 * The staff group's budget (20 posts a minute) is spent while a backlog waits: a delivery
 * run of its chat (each new row starts one) must not claim then, since the lanes claim reads
 * every lane's head and costs PostgreSQL the more the longer the backlog. The process knows
 * from its last refused reservation when the gate opens: the run schedules its wake then,
 * without a statement (nor the chat lock); an open gate sends as before.
 */
let t: TestCore;
let statements: StatementCounter;
beforeAll(async () => {
  t = await createTestCore();
  statements = countStatements();
});
afterAll(async () => {
  statements.stop();
  await t.close();
});

test("a shut gate: no claim, a wake when it opens; an open one: the row goes", async () => {
  for (const key of ["r1", "r2", "r3"])
    await t.testDb.db.$transaction((tx) =>
      recordOutbound(tx, {
        channel: "relay",
        chatKey: relayChatKey,
        payload: { op: "general_text", key, args: {} },
      }),
    );
  const limit = { key: `group:${relayChatKey}`, max: 2, windowMs: 60_000 };
  const gate = createRateGate(t.core.redis, t.core.queuePrefix);
  const sent: string[] = [];
  const sender: ChannelSender = {
    idempotent: true,
    lanes: true,
    rateLimit: { ...limit, cost: () => 1 },
    async send(item: OutboxItem) {
      sent.push((item.payload as { key: string }).key);
      return {};
    },
  };
  const wakes: Date[] = [];
  const deps = {
    db: t.testDb.db,
    clock: systemClock,
    senders: { relay: sender },
    lock: createChatLock(t.core.redis, t.core.queuePrefix),
    gate,
    scheduleWake: async (_channel: string, _chatKey: string, at: Date) => {
      wakes.push(at);
    },
    onPermanentFailure: async () => undefined,
  };
  // Open: two rows go, the third meets the shut gate after its claim.
  await deliverChat(deps, "relay", relayChatKey);
  expect(sent).toEqual(["r1", "r2"]);
  expect(wakes).toHaveLength(1);

  statements.reset();
  let redisCommands = 0;
  const send = t.core.redis.sendCommand.bind(t.core.redis);
  t.core.redis.sendCommand = (...args: Parameters<typeof send>) => {
    redisCommands++;
    return send(...args);
  };
  const before = Date.now();
  await deliverChat(deps, "relay", relayChatKey);
  t.core.redis.sendCommand = send;
  expect({ statements: statements.count, redisCommands }).toEqual({
    statements: 0,
    redisCommands: 0,
  });
  expect(sent).toEqual(["r1", "r2"]);
  expect(wakes).toHaveLength(2);
  // The gate opens when the first post leaves the window.
  expect(wakes[1]!.getTime()).toBeGreaterThan(before + 50_000);
  expect(wakes[1]!.getTime()).toBeLessThanOrEqual(Date.now() + limit.windowMs);
  // The same moment the refused reservation named (read on two clocks a few ms apart).
  expect(Math.abs(wakes[1]!.getTime() - wakes[0]!.getTime())).toBeLessThan(100);
  // A third run (another new row) finds that wake queued already: nothing more.
  await deliverChat(deps, "relay", relayChatKey);
  expect(wakes).toHaveLength(2);
  const row = await t.testDb.db.outbox.findFirstOrThrow({
    where: { chatKey: relayChatKey, status: "pending" },
  });
  expect(row.payload).toMatchObject({ key: "r3" });
});
