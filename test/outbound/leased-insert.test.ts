import { afterAll, beforeAll, expect, test } from "vitest";
import { receiveOnHotPath } from "../../core/intake/hot-path/receive-on-hot-path.js";
import { dispatchRowsOf } from "../../core/intake/hot-path/write-fragments.js";
import type { IntakeDeps } from "../../core/intake/intake-deps.js";
import {
  type ChannelSender,
  type DelivererDeps,
  deliverChat,
  DeliveryError,
  deliverLeasedRows,
  type LeasedRow,
  type OutboxItem,
  parentChatKey,
  recordOutbound,
} from "../../core/outbound/index.js";
import { createChatLock, createRateGate } from "../../core/queue/index.js";
import { manualClock } from "../../core/shared/index.js";
import { inboundMessageSchema } from "../../core/tickets/inbound-message.js";
import { parentText } from "../intake/parent-text.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";
import { countStatements } from "../support/statement-counter.js";

/**
 * The hot path inserts a parent's reply already claimed by the writing process ("sending"
 * under a lease), so it is sent with no claim statement. The lease is the same guard as a
 * claim's: a second process's deliverer in the chat meanwhile leaves the row alone, and a
 * writer that dies before sending leaves a lease that runs out, after which anyone sends
 * the row, once.
 */
let h: TelegramHarness;
const clock = manualClock(new Date());
const parents: { id: number }[] = [];
const LEASE_MS = 60_000;

beforeAll(async () => {
  // Pacing off: the test holds sends by hand.
  h = await startTelegramHarness({ faq: "default", throttle: false });
  for (const name of ["Ирина", "Павел", "Софья", "Тимур", "Вера", "Глеб"]) {
    const parent = h.fake.createUser({ first_name: name });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
    parents.push(parent);
  }
  await h.deliveriesSettled();
  // A new ticket of a parent not asked for the municipality yet asks in a second reply.
  await h.testDb.db.municipality.createMany({
    data: [
      { code: "m1", name: "Артёмовский" },
      { code: "m2", name: "Берёзовский" },
    ],
    skipDuplicates: true,
  });
  // Only this file's deliverers run from here on.
  await h.stopDelivery();
});
afterAll(async () => h.close());

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

function depsFor(sender: ChannelSender, wakes: Date[]): DelivererDeps {
  return {
    db: h.core.db,
    clock,
    senders: { telegram: sender },
    lock: createChatLock(h.core.redis, h.core.queuePrefix),
    gate: createRateGate(h.core.redis, h.core.queuePrefix),
    scheduleWake: async (_channel, _chatKey, at) => {
      wakes.push(at);
    },
    onPermanentFailure: async (row, error) => {
      throw new Error(`row ${row.id} failed for good: ${error.message}`);
    },
    leaseMs: LEASE_MS,
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

/** A question through the hot path of a process that sends its replies itself. */
async function writeLeased(who: { id: number }, text: string) {
  const deps: IntakeDeps = {
    ...h.core.intake,
    leaseOutbox: () => ({ until: new Date(clock.now().getTime() + LEASE_MS), by: "@test" }),
  };
  const result = await receiveOnHotPath(
    deps,
    inboundMessageSchema.parse(parentText(String(who.id), text)),
  );
  const sent = () => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: who.id });
  const before = sent().length;
  return {
    outcome: result?.outcome,
    rows: dispatchRowsOf(result?.outbox ?? []),
    sends: () => sent().length - before,
  };
}

/** A new ticket written leased: its number, then the municipality question. */
async function openLeased(who: { id: number }) {
  await h.testDb.db.contact.updateMany({
    where: { channel: "telegram", externalId: String(who.id) },
    data: { municipalityId: null, municipalityAskedAt: null },
  });
  const { outcome, rows, sends } = await writeLeased(
    who,
    "Заявка 123456 висит на рассмотрении, что делать",
  );
  expect(outcome).toBe("ticket_opened");
  const mine = rows.filter((r) => r.chatKey === parentChatKey("telegram", String(who.id)));
  expect(mine.length).toBe(2);
  return { mine, sends };
}

/** An FAQ answer written leased. */
async function askLeased(who: { id: number }) {
  const written = await writeLeased(who, "Как восстановить забытый пароль?");
  expect(written.outcome).toBe("faq_answer");
  const [row, ...rest] = written.rows;
  expect(rest).toEqual([]);
  if (!row) throw new Error("no outbox row");
  const stored = await h.testDb.db.outbox.findUniqueOrThrow({ where: { id: row.id } });
  return { row, stored, chatKey: row.chatKey, sends: written.sends };
}

function leasedOf(row: { leased?: LeasedRow }): LeasedRow {
  if (!row.leased) throw new Error("the row was not written leased");
  return row.leased;
}

async function statusOf(id: number) {
  return (await h.testDb.db.outbox.findUniqueOrThrow({ where: { id } })).status;
}

test("a row written leased is sent with one statement: the record", async () => {
  const { row, stored, sends } = await askLeased(parent(0));
  expect(stored).toMatchObject({ status: "sending", attempts: 0 });
  expect(stored.leaseUntil?.getTime()).toBe(clock.now().getTime() + LEASE_MS);
  const statements = countStatements();
  try {
    await deliverLeasedRows(depsFor(telegramSender(), []), [leasedOf(row)], false);
  } finally {
    statements.stop();
  }
  expect(statements.count).toBe(1);
  expect(sends()).toBe(1);
  expect(await h.testDb.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    status: "sent",
    attempts: 1,
  });
});

test("a second process's deliverer in the chat while the leased row is sent leaves it alone", async () => {
  const { row, chatKey, sends } = await askLeased(parent(1));
  const slow = held(telegramSender());
  const sending = deliverLeasedRows(depsFor(slow.sender, []), [leasedOf(row)], false);
  await slow.inFlight;
  // The other process (its own lock and gate, same database), mid-send and again.
  const wakes: Date[] = [];
  await deliverChat(depsFor(telegramSender(), wakes), "telegram", chatKey);
  await deliverChat(depsFor(telegramSender(), wakes), "telegram", chatKey);
  expect(sends()).toBe(0);
  expect(wakes.map((w) => w.getTime())).toEqual([
    clock.now().getTime() + LEASE_MS,
    clock.now().getTime() + LEASE_MS,
  ]);
  slow.release();
  await sending;
  expect(sends()).toBe(1);
  // Its wake at the lease's end finds nothing left to send.
  clock.advance(LEASE_MS + 1);
  await deliverChat(depsFor(telegramSender(), []), "telegram", chatKey);
  expect(sends()).toBe(1);
  expect(await statusOf(row.id)).toBe("sent");
});

test("a writer that dies before sending: the lease runs out and another process sends the row once", async () => {
  const { row, chatKey, sends } = await askLeased(parent(2));
  // Nobody delivers it here: the process is gone. Another one comes for the chat.
  const wakes: Date[] = [];
  await deliverChat(depsFor(telegramSender(), wakes), "telegram", chatKey);
  expect(sends()).toBe(0);
  const leaseEnd = leasedOf(row).leaseUntil;
  expect(wakes).toEqual([leaseEnd]);
  clock.advance(leaseEnd.getTime() - clock.now().getTime() + 1);
  await deliverChat(depsFor(telegramSender(), []), "telegram", chatKey);
  await deliverChat(depsFor(telegramSender(), []), "telegram", chatKey);
  expect(sends()).toBe(1);
  expect(await statusOf(row.id)).toBe("sent");
});

test("behind an older unsent row of the chat the reply is written pending, and order holds", async () => {
  const who = parent(3);
  const chatKey = parentChatKey("telegram", String(who.id));
  const first = "Укажите, пожалуйста, ваш муниципалитет.";
  await h.testDb.db.$transaction((tx) =>
    recordOutbound(tx, { channel: "telegram", chatKey, payload: { type: "text", text: first } }),
  );
  const { row, stored } = await askLeased(who);
  expect(row.leased).toBeUndefined();
  expect(stored).toMatchObject({ status: "pending", leaseUntil: null });
  await deliverChat(depsFor(telegramSender(), []), "telegram", chatKey);
  const texts = h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: who.id });
  expect(texts.at(-2)).toBe(first);
  expect(texts.filter((t) => t === first)).toHaveLength(1);
  expect(await statusOf(row.id)).toBe("sent");
});

test("a chat's rows of one write are leased together and sent in order with one statement each", async () => {
  const { mine, sends } = await openLeased(parent(4));
  const leased = mine.map(leasedOf);
  const statements = countStatements();
  try {
    await deliverLeasedRows(depsFor(telegramSender(), []), leased, false);
  } finally {
    statements.stop();
  }
  expect(statements.count).toBe(2);
  expect(sends()).toBe(2);
  const stored = await h.testDb.db.outbox.findMany({
    where: { id: { in: mine.map((r) => r.id) } },
    orderBy: { id: "asc" },
  });
  expect(stored.map((r) => r.status)).toEqual(["sent", "sent"]);
  expect(stored[0]?.sentAt?.getTime()).toBeLessThanOrEqual(stored[1]?.sentAt?.getTime() ?? 0);
});

test("a leased row whose send must wait gives the rows after it back unsent, and order holds", async () => {
  const who = parent(5);
  const { mine, sends } = await openLeased(who);
  let refused = false;
  const flaky: ChannelSender = {
    ...telegramSender(),
    send: async (item) => {
      if (!refused) {
        refused = true;
        throw new DeliveryError("RATE_LIMITED", "429", 1000);
      }
      return telegramSender().send(item);
    },
  };
  const wakes: Date[] = [];
  await deliverLeasedRows(depsFor(flaky, wakes), mine.map(leasedOf), false);
  expect(sends()).toBe(0);
  expect(wakes).toHaveLength(1);
  const waiting = await h.testDb.db.outbox.findMany({
    where: { id: { in: mine.map((r) => r.id) } },
    orderBy: { id: "asc" },
  });
  expect(waiting.map((r) => r.status)).toEqual(["pending", "pending"]);
  expect(waiting[1]?.leaseUntil).toBeNull();
  // The wake: both go out, first things first, once each.
  clock.advance(1001);
  await deliverChat(depsFor(telegramSender(), []), "telegram", mine[0]?.chatKey ?? "");
  expect(sends()).toBe(2);
  const texts = h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: who.id }).slice(-2);
  expect(texts[0]).toContain("№");
});

test("a writer that stalls past the lease: sent by whoever holds the row, once", async () => {
  // Nobody came meanwhile: the writer renews the lease it wrote and sends.
  const alone = await askLeased(parent(0));
  clock.advance(LEASE_MS + 1);
  await deliverLeasedRows(depsFor(telegramSender(), []), [leasedOf(alone.row)], false);
  expect(alone.sends()).toBe(1);
  expect(await statusOf(alone.row.id)).toBe("sent");
  // Another process took the row after the lease ran out and sent it: the writer does not.
  const taken = await askLeased(parent(1));
  clock.advance(LEASE_MS + 1);
  await deliverChat(depsFor(telegramSender(), []), "telegram", taken.chatKey);
  expect(taken.sends()).toBe(1);
  await deliverLeasedRows(depsFor(telegramSender(), []), [leasedOf(taken.row)], false);
  expect(taken.sends()).toBe(1);
  expect(await statusOf(taken.row.id)).toBe("sent");
  // The same while the other process's send is still in flight.
  const busy = await askLeased(parent(2));
  clock.advance(LEASE_MS + 1);
  const slow = held(telegramSender());
  const other = deliverChat(depsFor(slow.sender, []), "telegram", busy.chatKey);
  await slow.inFlight;
  await deliverLeasedRows(depsFor(telegramSender(), []), [leasedOf(busy.row)], false);
  expect(busy.sends()).toBe(0);
  slow.release();
  await other;
  expect(busy.sends()).toBe(1);
});
