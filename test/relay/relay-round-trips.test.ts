import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { poolOf } from "../../core/db/index.js";
import { PrismaClient } from "../../core/db/generated/client.js";
import { startSla } from "../../core/runtime/index.js";
import {
  loadRelayView,
  loadRelayViewWithPrisma,
  recordPlace,
  recordRelayed,
} from "../../core/staff/index.js";
import { parentText } from "../intake/parent-text.js";
import type { FakeUser } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";
import { countStatements, type StatementCounter } from "../support/statement-counter.js";

/**
 * What one ticket costs with the staff relay on, from the parent's message to the last
 * post in the staff group: PostgreSQL statements (counted at the pg driver, every client
 * of every pool), Redis commands (at the ioredis client core shares with BullMQ, pipelined
 * ones one by one; the poller lease's renewals apart) and the relay bot's Bot API calls
 * (getUpdates apart). Pinned so a regression fails. The parent's side is in the numbers
 * too (test/intake/hot-path-* pin it alone): the relay's share is the difference.
 *
 * RELAY_ROUND_TRIPS_CPU=<tickets> also prints the CPU time per new ticket over that many
 * tickets of this process (core, both bots and the fake Bot API together) and of this
 * database's PostgreSQL backends; never asserted (the machine is shared): compare with
 * another build in the same sitting.
 */
let h: RelayHarness;
let statements: StatementCounter;
let commands = 0;
let sla: Awaited<ReturnType<typeof startSla>>;
let restore = () => {};

beforeAll(async () => {
  h = await startRelayHarness();
  sla = await startSla(h.core, { runTimers: false });
  statements = countStatements();
  const redis = h.core.redis;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (...args: Parameters<typeof send>) => {
    const keys = (args[0] as { args?: unknown[] }).args ?? [];
    if (!keys.some((k) => String(k).includes(":poller:"))) commands++;
    return send(...args);
  };
  restore = () => {
    statements.stop();
    redis.sendCommand = send;
  };
});
afterAll(async () => {
  restore();
  await sla.close();
  await h.close();
});

const relayCalls = () =>
  h.fake.calls({ token: RELAY_BOT_TOKEN }).filter((c) => c.method !== "getUpdates").length;

async function measure(run: () => Promise<unknown>) {
  await h.deliveriesSettled();
  statements.reset();
  commands = 0;
  const calls = relayCalls();
  await run();
  await h.deliveriesSettled();
  return { statements: statements.count, redis: commands, relayCalls: relayCalls() - calls };
}

async function parentWhoStarted(name: string): Promise<FakeUser> {
  const parent = h.fake.createUser({ first_name: name });
  // A parent who never wrote to the bot cannot be written to.
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.fake.waitFor(() => h.parentTexts(parent)[0], 10_000, "the greeting");
  return parent;
}

const question = (parent: FakeUser, text: string) =>
  h.core.receiveMessage(parentText(String(parent.id), text));

describe("a ticket through the staff relay", () => {
  test("new ticket and follow-up: statements, Redis commands and relay Bot API calls", async () => {
    // The relay's forum check is cached per process: the first ticket pays for it.
    const warm = await parentWhoStarted("Вера");
    await measure(() => question(warm, "Не могу записаться в кружок, пишет ошибку"));

    const parent = await parentWhoStarted("Анна");
    const opened = await measure(() =>
      question(parent, "Заявка 123456 висит на рассмотрении, что делать"),
    );
    const { threadId } = await h.ticketOf(parent);
    const followUp = await measure(() => question(parent, "Добавлю: ребёнку 9 лет"));
    console.info("per ticket with the relay:", JSON.stringify({ opened, followUp }));

    // What the group shows is what it showed before: card quoting the question, then the
    // follow-up under the parent's name.
    const posts = h.relayPosts(threadId).map((m) => m.text ?? "");
    expect(posts).toHaveLength(2);
    expect(posts[0]).toContain("Заявка 123456 висит на рассмотрении");
    expect(posts[1]).toMatch(/^👤 .+:\nДобавлю: ребёнку 9 лет$/);
    expect(h.parentTexts(parent).at(-1)).toBeDefined();

    // Statements: the parent's side (read, then one write) and core's outbox (lane claim,
    // "sending", "sent" for the relay's row; only "sent" for the parent's reply, which the
    // write inserts leased to this process) around the relay's own: one read of its view
    // (core/staff relay-view), then the topic and the card recorded once each are posted
    // (new ticket) or the shown message recorded (follow-up). Before the view: 36 and 18;
    // before the leased insert: 12 and 10. Redis: 2 fewer each since the parent's reply
    // takes no chat lock (its row's lease in PostgreSQL guards it; the staff group keeps
    // its lock).
    expect({ opened, followUp }).toEqual({
      opened: { statements: 11, redis: 5, relayCalls: 2 },
      followUp: { statements: 9, redis: 3, relayCalls: 1 },
    });
  });

  test("the view's SQL reads what Prisma reads, and the records write the same through either", async () => {
    const pool = poolOf(h.testDb.db);
    if (!pool) throw new Error("createDb registers its pool");
    // Same connections, no pool registered for it: the view and the records go through Prisma.
    const prismaOnly = new PrismaClient({ adapter: new PrismaPg(pool) });
    const parent = await parentWhoStarted("Лидия");
    await question(parent, "Не приходит код подтверждения на почту");
    await question(parent, "Уже второй день");
    await h.deliveriesSettled();
    const { ticket } = await h.ticketOf(parent);
    const [first, second] = await h.testDb.db.message.findMany({
      where: { ticketId: ticket.id },
      orderBy: { id: "asc" },
    });
    const chatId = String(h.staff.id);
    for (const options of [
      { chatId },
      { chatId, card: true, messageId: first?.id },
      { chatId: "-1", messageId: second?.id },
    ]) {
      const sqlView = await loadRelayView(h.testDb.db, ticket.id, options);
      expect(sqlView).toEqual(await loadRelayViewWithPrisma(prismaOnly, ticket.id, options));
      expect(sqlView.ticket.contact.createdAt).toBeInstanceOf(Date);
    }
    const view = await loadRelayView(h.testDb.db, ticket.id, { chatId, card: true });
    expect(view.cardMessages?.map((m) => m.text)).toEqual([
      "Не приходит код подтверждения на почту",
      "Уже второй день",
    ]);
    await expect(loadRelayView(h.testDb.db, 999_999, { chatId })).rejects.toMatchObject({
      code: "TICKET_NOT_FOUND",
    });

    // The records through Prisma's raw statements, then back through the pool.
    await h.testDb.db.message.updateMany({
      where: { ticketId: ticket.id },
      data: { relayMessageId: null },
    });
    await recordPlace(prismaOnly, ticket.id, { chatId: "-5", threadId: 77 });
    await recordPlace(prismaOnly, ticket.id, {
      chatId: "-5",
      cardMessageId: 78,
      quotedMessageIds: [first?.id ?? 0],
    });
    await recordRelayed(prismaOnly, [{ messageId: second?.id ?? 0, relayMessageId: 79 }]);
    const after = await h.testDb.db.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { messages: { orderBy: { id: "asc" } } },
    });
    expect(after).toMatchObject({
      relayChatId: "-5",
      relayThreadId: 77,
      relayCardMessageId: 78,
      // Relay bookkeeping is no activity on the ticket (the follow-up's version check).
      updatedAt: view.ticket.updatedAt,
    });
    expect(after.messages.map((m) => m.relayMessageId)).toEqual([78, 79]);
    // A message shown already stays as shown when a later card quotes it.
    await recordPlace(h.testDb.db, ticket.id, {
      chatId: "-5",
      cardMessageId: 90,
      quotedMessageIds: [first?.id ?? 0],
    });
    const again = await h.testDb.db.message.findUniqueOrThrow({ where: { id: first?.id } });
    expect(again.relayMessageId).toBe(78);
    await recordPlace(h.testDb.db, ticket.id, { chatId: "-6", threadId: 80 });
    expect(await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      relayChatId: "-6",
      relayThreadId: 80,
      relayCardMessageId: null,
    });
  });

  const cpuTickets = Number(process.env.RELAY_ROUND_TRIPS_CPU ?? 0);
  test.runIf(cpuTickets > 0)("CPU per new ticket (printed, not asserted)", async () => {
    const parents: FakeUser[] = [];
    for (let i = 0; i < cpuTickets; i++) parents.push(await parentWhoStarted(`Родитель ${i}`));
    // This database's backends; one that starts during the run counts from zero.
    const backends = async () =>
      (
        await h.testDb.db.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity WHERE datname = current_database()`
      ).map((r) => r.pid);
    const pgTicks = (pids: number[]) =>
      pids.reduce((sum, pid) => {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ");
          return sum + Number(fields?.[11] ?? 0) + Number(fields?.[12] ?? 0);
        } catch {
          return sum;
        }
      }, 0);
    await h.deliveriesSettled();
    const node = process.cpuUsage();
    const before = await backends();
    const ticks = pgTicks(before);
    for (const parent of parents) {
      await question(parent, `Заявка ${parent.id} висит на рассмотрении, что делать`);
      await h.deliveriesSettled();
    }
    const used = process.cpuUsage(node);
    const perTicket = (micros: number) => (micros / 1000 / cpuTickets).toFixed(1);
    // /proc counts in clock ticks (100 a second on Linux).
    const pids = [...new Set([...before, ...(await backends())])];
    const pgMs = (((pgTicks(pids) - ticks) * 10) / cpuTickets).toFixed(1);
    console.info(
      `CPU per new ticket over ${cpuTickets}: node ${perTicket(used.user + used.system)} ms, ` +
        `PostgreSQL backends ${pgMs} ms (${pids.length} backends)`,
    );
    expect(h.relayPosts().length).toBeGreaterThanOrEqual(cpuTickets);
  });
});
