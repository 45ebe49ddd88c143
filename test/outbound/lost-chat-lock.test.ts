import { afterAll, beforeAll, expect, test } from "vitest";
import {
  type ChannelSender,
  type DelivererDeps,
  deliverChat,
  type OutboundChannel,
  type OutboxItem,
  parentChatKey,
  recordOutbound,
  relayChatKey,
} from "../../core/outbound/index.js";
import { createChatLock, createRateGate } from "../../core/queue/index.js";
import { manualClock } from "../../core/shared/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

/**
 * The drill's duplicate: Redis restarts (or the chat lock's key expires) while a reply is
 * being sent; a second deliverer takes the chat's lock and must not take the row still
 * "sending" for one a crashed process left behind. PostgreSQL guards it with a lease on
 * the claimed row, since Telegram has no idempotency key. A row whose claimer really died
 * is sent once its lease has run out: nothing is left unsent.
 */
let h: TelegramHarness;
const clock = manualClock(new Date());
const parents: { id: number }[] = [];
beforeAll(async () => {
  // Pacing off: the test holds sends by hand.
  h = await startTelegramHarness({ throttle: false });
  // Each parent meets the bot first (a bot cannot write first); then only this file's
  // deliverers run.
  for (const name of ["Мария", "Надежда", "Олег"]) {
    const parent = h.fake.createUser({ first_name: name });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
    parents.push(parent);
  }
  await h.deliveriesSettled();
  await h.stopDelivery();
});
afterAll(async () => h.close());

const LEASE_MS = 60_000;

function depsFor(
  sender: ChannelSender,
  channel: OutboundChannel,
  wakes: Date[],
  leaseMs = LEASE_MS,
): DelivererDeps {
  return {
    db: h.core.db,
    clock,
    senders: { [channel]: sender },
    lock: createChatLock(h.core.redis, h.core.queuePrefix),
    gate: createRateGate(h.core.redis, h.core.queuePrefix),
    scheduleWake: async (_channel, _chatKey, at) => {
      wakes.push(at);
    },
    onPermanentFailure: async (row, error) => {
      throw new Error(`row ${row.id} failed for good: ${error.message}`);
    },
    leaseMs,
  };
}

/** A sender whose sends wait until the test lets them go (a slow Bot API). */
function held(inner: ChannelSender) {
  let started!: () => void;
  let go!: () => void;
  const inFlight = new Promise<void>((resolve) => (started = resolve));
  const released = new Promise<void>((resolve) => (go = resolve));
  const sender: ChannelSender = {
    ...inner,
    send: async (item: OutboxItem) => {
      started();
      await released;
      return inner.send(item);
    },
  };
  return { sender, inFlight, release: () => go() };
}

async function dropChatLock(chatKey: string) {
  // What a Redis restart without persistence does to the lock (FLUSHALL, scoped to this test).
  expect(await h.core.redis.del(`${h.core.queuePrefix}:chat-lock:${chatKey}`)).toBe(1);
}

async function expectNoChatLock(chatKey: string) {
  // A parent's chat is delivered without a lock in Redis: only the rows' leases guard it.
  expect(await h.core.redis.exists(`${h.core.queuePrefix}:chat-lock:${chatKey}`)).toBe(0);
}

function parent(i: number): { id: number } {
  const found = parents[i];
  if (!found) throw new Error(`parent ${i} did not meet the bot`);
  return found;
}

function telegramSender(): ChannelSender {
  const sender = h.channel.senders.telegram;
  if (!sender) throw new Error("no telegram sender");
  return sender;
}

async function parentRow(
  parent: { id: number },
  text: string,
  status: "pending" | "sending" = "pending",
) {
  const chatKey = parentChatKey("telegram", String(parent.id));
  const id = await h.testDb.db.$transaction(async (tx) => {
    const rowId = await recordOutbound(tx, {
      channel: "telegram",
      chatKey,
      payload: { type: "text", text },
    });
    if (rowId === null) throw new Error("no outbox row");
    return rowId;
  });
  if (status === "sending") {
    // What a process that claimed the row and died leaves: a lease nobody renews.
    await h.testDb.db.outbox.update({
      where: { id },
      data: { status: "sending", leaseUntil: new Date(clock.now().getTime() + LEASE_MS) },
    });
  }
  const copies = () =>
    h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id }).filter((t) => t === text);
  return { id, chatKey, copies };
}

test("a second deliverer in a parent's chat mid-send (no lock in Redis): it leaves the row in flight alone and comes back after its lease", async () => {
  const { id, chatKey, copies } = await parentRow(
    parent(0),
    "Укажите, пожалуйста, ваш муниципалитет.",
  );
  const slow = held(telegramSender());
  const wakesA: Date[] = [];
  const first = deliverChat(depsFor(slow.sender, "telegram", wakesA), "telegram", chatKey);
  await slow.inFlight;
  await expectNoChatLock(chatKey);

  const wakesB: Date[] = [];
  await deliverChat(depsFor(telegramSender(), "telegram", wakesB), "telegram", chatKey);
  expect(copies()).toHaveLength(0);
  const inFlight = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
  expect(inFlight.status).toBe("sending");
  // It backs off to the lease's end rather than dropping the row.
  expect(wakesB).toEqual([inFlight.leaseUntil]);
  expect(inFlight.leaseUntil?.getTime()).toBe(clock.now().getTime() + LEASE_MS);

  slow.release();
  await first;
  expect(copies()).toHaveLength(1);
  const row = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({ status: "sent", attempts: 1 });

  // The wake comes: nothing is left to send, and nothing goes twice.
  await deliverChat(depsFor(telegramSender(), "telegram", wakesB), "telegram", chatKey);
  expect(copies()).toHaveLength(1);
});

test("a row added behind the one in flight: the deliverer that finds the chat busy leaves a note, and the sending one drains it at once", async () => {
  const first = await parentRow(parent(0), "Проверяем вашу заявку.");
  const slow = held(telegramSender());
  const wakesA: Date[] = [];
  const sending = deliverChat(depsFor(slow.sender, "telegram", wakesA), "telegram", first.chatKey);
  await slow.inFlight;
  // Committed after the first deliverer's claim, which saw nothing behind its row.
  const second = await parentRow(parent(0), "Заявка найдена, ответ в течение дня.");
  const wakesB: Date[] = [];
  await deliverChat(depsFor(telegramSender(), "telegram", wakesB), "telegram", first.chatKey);
  expect(second.copies()).toHaveLength(0);
  expect(await h.testDb.db.outbox.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
    status: "sending",
    recheck: true,
  });
  expect(wakesB).toHaveLength(1);

  slow.release();
  await sending;
  // Sent by the first deliverer, in order, without waiting for the wake at the lease's end.
  expect(first.copies()).toHaveLength(1);
  expect(second.copies()).toHaveLength(1);
  const texts = h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent(0).id });
  expect(texts.indexOf("Заявка найдена, ответ в течение дня.")).toBeGreaterThan(
    texts.indexOf("Проверяем вашу заявку."),
  );
  expect(wakesA).toEqual([]);
  expect(await h.testDb.db.outbox.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
    status: "sent",
    attempts: 1,
  });
});

test("a send slower than the lease: its deliverer renews the lease, so it is not taken for abandoned", async () => {
  const { id, chatKey, copies } = await parentRow(parent(2), "Заявка передана специалисту.");
  // A short lease in real time: renewals come every third of it.
  const leaseMs = 600;
  const slow = held(telegramSender());
  const first = deliverChat(depsFor(slow.sender, "telegram", [], leaseMs), "telegram", chatKey);
  await slow.inFlight;
  const claimedAt = clock.now().getTime();
  clock.advance(leaseMs / 2);
  await h.waitFor(async () => {
    const row = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
    return row.leaseUntil?.getTime() === clock.now().getTime() + leaseMs || undefined;
  });
  // Past the first lease's end: without the renewal this deliverer would send it again.
  clock.set(new Date(claimedAt + leaseMs + 1));
  await expectNoChatLock(chatKey);
  const wakes: Date[] = [];
  await deliverChat(depsFor(telegramSender(), "telegram", wakes, leaseMs), "telegram", chatKey);
  expect(copies()).toHaveLength(0);
  expect(wakes).toHaveLength(1);

  slow.release();
  await first;
  expect(copies()).toHaveLength(1);
});

test("a claimer that died: its row waits out the lease, then goes once", async () => {
  const { id, chatKey, copies } = await parentRow(
    parent(1),
    "Ответ: сертификат активирован.",
    "sending",
  );
  const wakes: Date[] = [];
  const deps = depsFor(telegramSender(), "telegram", wakes);
  await deliverChat(deps, "telegram", chatKey);
  expect(copies()).toHaveLength(0);
  expect(wakes).toHaveLength(1);

  clock.advance(LEASE_MS + 1);
  await deliverChat(deps, "telegram", chatKey);
  expect(copies()).toHaveLength(1);
  const row = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } });
  // Two sends begun: the dead one (counted by the claim) and this one.
  expect(row).toMatchObject({ status: "sent", attempts: 2 });
});

test("the staff group's claim (lanes, a shared rate gate) is guarded by the lease too", async () => {
  const chatKey = relayChatKey;
  const id = await h.testDb.db.$transaction(async (tx) => {
    const rowId = await recordOutbound(tx, {
      channel: "relay",
      chatKey,
      payload: { op: "general_text", key: "relay.test", args: {} },
    });
    if (rowId === null) throw new Error("no outbox row");
    return rowId;
  });
  const sent: number[] = [];
  const relay: ChannelSender = {
    idempotent: true,
    lanes: true,
    rateLimit: { key: `group:${chatKey}`, max: 20, windowMs: 60_000, cost: () => 1 },
    send: async (item) => {
      sent.push(item.id);
      return { externalMessageId: String(item.id) };
    },
  };
  const slow = held(relay);
  const first = deliverChat(depsFor(slow.sender, "relay", []), "relay", chatKey);
  await slow.inFlight;
  await dropChatLock(chatKey);

  const wakes: Date[] = [];
  await deliverChat(depsFor(relay, "relay", wakes), "relay", chatKey);
  expect(sent).toEqual([]);
  expect(wakes).toHaveLength(1);

  slow.release();
  await first;
  expect(sent).toEqual([id]);
  expect(await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
    status: "sent",
  });
});
