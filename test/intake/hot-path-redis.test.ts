import { parentText } from "./parent-text.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startSla } from "../../core/runtime/index.js";
import type { FakeUser } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

/**
 * Redis commands one parent message costs, from intake to the reply's delivery (SLA timers
 * of a new ticket; a parent's chat is delivered without a lock in Redis, the rows' leases
 * in PostgreSQL keep its order and one sender), counted at the ioredis client the core shares with
 * BullMQ (pipelined commands one by one), until the in-process delivery has finished.
 * The inbox costs no Redis command per message (it wakes processes with PostgreSQL's
 * NOTIFY); the poller's lease costs one renewal every third of POLLER_LEASE_SECONDS
 * whatever the load, counted apart so a renewal falling into a measurement is no noise.
 */
let h: TelegramHarness;
let commands = 0;
let leaseCommands = 0;
let sla: Awaited<ReturnType<typeof startSla>>;
beforeAll(async () => {
  h = await startTelegramHarness({ faq: "default" });
  sla = await startSla(h.core, { runTimers: false });
  const redis = h.core.redis;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (...args: Parameters<typeof send>) => {
    const [command] = args;
    const keys = (command as { args?: unknown[] }).args ?? [];
    if (keys.some((k) => String(k).includes(":poller:"))) leaseCommands++;
    else commands++;
    return send(...args);
  };
});
afterAll(async () => {
  await sla.close();
  await h.close();
});

async function measure(run: () => Promise<unknown>): Promise<number> {
  await h.deliveriesSettled();
  commands = 0;
  await run();
  await h.deliveriesSettled();
  return commands;
}

test("Redis commands per parent message (staff relay off): FAQ answer 0, new ticket 2", async () => {
  const parents = [
    h.fake.createUser({ first_name: "Анна" }),
    h.fake.createUser({ first_name: "Олег" }),
  ];
  for (const parent of parents) {
    // A parent who never wrote to the bot cannot be written to.
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
  }
  const [first, second] = parents as [FakeUser, FakeUser];
  const faq = await measure(() =>
    h.core.receiveMessage(parentText(String(first.id), "Как восстановить забытый пароль?")),
  );
  const opened = await measure(() =>
    h.core.receiveMessage(
      parentText(String(second.id), "Заявка 123456 висит на рассмотрении, что делать"),
    ),
  );
  console.info("redis commands per message:", JSON.stringify({ faq, opened, leaseCommands }));
  expect(h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: first.id })[1]).toMatch(/пароль/);
  expect(h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: second.id })[1]).toMatch(/принято/);
  expect({ faq, opened }).toEqual({ faq: 0, opened: 2 });
});
