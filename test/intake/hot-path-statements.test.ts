import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inTransaction, poolOf } from "../../core/db/index.js";
import { PrismaClient } from "../../core/db/generated/client.js";
import { createI18n } from "../../core/i18n/index.js";
import { createMetrics, silentLogger } from "../../core/observability/index.js";
import { createCore, type Core, type RunningSla, startSla } from "../../core/runtime/index.js";
import { systemClock } from "../../core/shared/index.js";
import { applyTicketEvent } from "../../core/tickets/apply-ticket-event.js";
import { countStatements, type StatementCounter } from "../support/statement-counter.js";
import { createTestCore, testConfig, type TestCore } from "../support/test-core.js";
import { parentRows } from "./parent-rows.js";
import { parentText } from "./parent-text.js";

/**
 * The hot path's round trips to PostgreSQL, counted at the pg driver (every query sent
 * through the pool the Prisma client shares), pinned so a regression fails. The same
 * conversation also runs through the general (Prisma) path on a client the hot path
 * does not know, and both must leave the same rows behind: that checks the hand-written
 * SQL against the migrated schema and against the behaviour it replaces.
 */
let t: TestCore;
let general: Core;
let generalDb: PrismaClient;
/**
 * Every statement any pg client sends: the pool's clients (Prisma and the hot path), and
 * the inbox's own small pool for storing (see STORE_POOL_SIZE).
 */
let roundTrips: StatementCounter;
let sla: RunningSla;
let generalSla: RunningSla;

beforeAll(async () => {
  // No sweep during the counts: a periodic claim would land in a measurement at random.
  t = await createTestCore({ faq: "default", inbox: { sweepMs: 3_600_000 } });
  const pool = poolOf(t.testDb.db);
  if (!pool) throw new Error("createDb registers its pool");
  roundTrips = countStatements();
  // SLA timers are rescheduled after each commit: their reads count as part of the path.
  sla = await startSla(t.core, { runTimers: false });
  generalDb = new PrismaClient({ adapter: new PrismaPg(pool) });
  general = createCore({
    db: generalDb,
    redis: t.testRedis.redis,
    queuePrefix: `${t.testRedis.prefix}:general`,
    clock: systemClock,
    config: testConfig(),
    i18n: createI18n(),
    faq: t.core.intake.faq,
    logger: silentLogger(),
    metrics: createMetrics(),
  });
  generalSla = await startSla(general, { runTimers: false });
});
afterAll(async () => {
  roundTrips.stop();
  await sla.close();
  await generalSla.close();
  await general.close();
  await t.close();
});

async function counted(run: () => Promise<{ outcome: string }>) {
  roundTrips.reset();
  const { outcome } = await run();
  return { outcome, roundTrips: roundTrips.count };
}

/**
 * FAQ answer, escalated question (new ticket), follow-up, a redelivered follow-up, an FAQ
 * question while the ticket is open, and a new question once it is solved (a reopen).
 */
async function conversation(core: Core, userId: string) {
  const faq = await counted(() =>
    core.receiveMessage(parentText(userId, "Как восстановить забытый пароль?")),
  );
  const opened = await counted(() =>
    core.receiveMessage(parentText(userId, "Заявка 123456 висит на рассмотрении, что делать")),
  );
  const again = parentText(userId, "Добавлю: ребёнку 9 лет");
  const followUp = await counted(() => core.receiveMessage(again));
  const redelivered = await counted(() => core.receiveMessage(again));
  const secondQuestion = await counted(() =>
    core.receiveMessage(parentText(userId, "забыла пароль от личного кабинета, как восстановить?")),
  );
  // Solved by an agent, then a question the FAQ cannot answer: the ticket reopens.
  const ticket = await t.testDb.db.ticket.findFirstOrThrow({
    where: { contact: { externalId: userId } },
  });
  await inTransaction(t.testDb.db, (tx) =>
    applyTicketEvent(tx, ticket.id, "resolve", {
      now: new Date(),
      policy: t.core.intake.policy,
      reopenWindowHours: 72,
    }),
  );
  const reopened = await counted(() =>
    core.receiveMessage(parentText(userId, "Тренер отменил занятия, а деньги за месяц не вернули")),
  );
  return { faq, opened, followUp, redelivered, secondQuestion, reopened };
}

/** The rows one parent's conversation left, without ids and times. */
const rowsOf = (userId: string) => parentRows(t.testDb.db, userId);

describe("round trips to PostgreSQL per parent message", () => {
  test("the hot path with its SLA timers: 2 for an FAQ answer, 2 for a new ticket, 2 for a follow-up, 2 for a redelivery, 2 for a second question, 2 for a reopen", async () => {
    const hot = await conversation(t.core, "7001");
    const before = await conversation(general, "7002");
    // What the general path costs, for the record (and the bench's README).
    console.info("round trips, hot vs general:", JSON.stringify({ hot, general: before }));
    expect(hot).toEqual({
      faq: { outcome: "faq_answer", roundTrips: 2 },
      // The read, then one statement that takes the number and writes everything.
      opened: { outcome: "ticket_opened", roundTrips: 2 },
      // A follow-up before any agent's answer moves neither the status nor the response
      // clock: no SLA reschedule; when it moves them, the write reads the SLA events back.
      followUp: { outcome: "appended", roundTrips: 2 },
      redelivered: { outcome: "duplicate", roundTrips: 2 },
      // The FAQ's answer while the ticket is open: the ticket is not touched, no SLA work.
      secondQuestion: { outcome: "faq_answer", roundTrips: 2 },
      // The reopen's timer follows from what the write read back (its SLA events).
      reopened: { outcome: "appended", roundTrips: 2 },
    });
    expect(before.secondQuestion.outcome).toBe("faq_answer");
    expect(before.reopened.outcome).toBe("appended");
    expect(before.reopened.roundTrips).toBeGreaterThan(hot.reopened.roundTrips);
    expect(before.secondQuestion.roundTrips).toBeGreaterThan(hot.secondQuestion.roundTrips);
    expect(before.opened.outcome).toBe("ticket_opened");
    expect(before.opened.roundTrips).toBeGreaterThan(hot.opened.roundTrips);
    expect(await rowsOf("7001")).toEqual(await rowsOf("7002"));
    // The number the statement took is the one the reply shows (put in for a placeholder).
    const ticket = await t.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { externalId: "7001" } },
    });
    const replies = await t.testDb.db.outbox.findMany({ where: { ticketId: ticket.id } });
    const texts = replies.map((r) => JSON.stringify(r.payload));
    expect(texts.some((x) => x.includes(`№${ticket.number} `))).toBe(true);
    expect(texts.filter((x) => x.includes("TicketNumber"))).toEqual([]);
  });
});

/**
 * The same messages as a receiver hands them over: stored in the inbox, then handled from
 * the rows. Storing a batch is ONE statement whatever its size, and it leases the heads of
 * the chats to the storing process at once, so no claim statement follows; the hot path's
 * claim marks the row done inside its own statement, so no "done" statement follows
 * either. The per-message cost is therefore the hot path's plus 1/batch-size: measured at
 * a batch of 1 (the worst case, an idle bot) and at a batch of 10 (getUpdates hands out up
 * to 100 under load). A row another process takes costs one claim statement per batch of
 * up to 50 rows on top; a row that is not a parent's text (a command, a button) one
 * batched "done" statement.
 */
describe("round trips through the inbox", () => {
  const toRow = (message: ReturnType<typeof parentText>) => ({
    dedupeKey: message.eventKeys[0] ?? "",
    chatKey: `telegram:${message.chatId}`,
    payload: message,
  });

  async function throughInbox(messages: ReturnType<typeof parentText>[]) {
    await t.core.inbox.settled();
    roundTrips.reset();
    const stored = await t.core.inbox.store("telegram", messages.map(toRow));
    await t.core.inbox.settled();
    return { taken: stored.taken.length, roundTrips: roundTrips.count };
  }

  test("a batch of 1: FAQ answer 3, new ticket 3; a batch of 10 FAQ answers 21 (2.1 each)", async () => {
    const outcomes: string[] = [];
    t.core.inbox.handle("telegram", {
      async run(payload) {
        const { outcome } = await t.core.receiveMessage(payload as ReturnType<typeof parentText>);
        outcomes.push(outcome);
      },
    });
    await t.core.inbox.start();
    const faq = await throughInbox([parentText("7101", "Как восстановить забытый пароль?")]);
    const opened = await throughInbox([
      parentText("7101", "Заявка 123456 висит на рассмотрении, что делать"),
    ]);
    const batch = await throughInbox(
      Array.from({ length: 10 }, (_, i) =>
        parentText(String(7200 + i), "Как восстановить забытый пароль?"),
      ),
    );
    console.info("round trips through the inbox:", JSON.stringify({ faq, opened, batch }));
    expect(outcomes).toEqual([
      "faq_answer",
      "ticket_opened",
      ...Array<string>(10).fill("faq_answer"),
    ]);
    expect({ faq, opened, batch }).toEqual({
      faq: { taken: 1, roundTrips: 3 },
      opened: { taken: 1, roundTrips: 3 },
      batch: { taken: 10, roundTrips: 21 },
    });
    // Every row is done, by the hot path's own statement.
    const open = await t.testDb.db.inbox.count({ where: { source: "telegram", doneAt: null } });
    expect(open).toBe(0);
  });
});
