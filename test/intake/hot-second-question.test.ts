import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { poolOf } from "../../core/db/index.js";
import { PrismaClient } from "../../core/db/generated/client.js";
import { createI18n } from "../../core/i18n/index.js";
import { answerSecondOnHotPath } from "../../core/intake/hot-path/hot-second-question.js";
import { readParent } from "../../core/intake/hot-path/read-parent.js";
import { classifySecondQuestion } from "../../core/intake/second-question.js";
import { createMetrics, silentLogger } from "../../core/observability/index.js";
import { createCore, type Core } from "../../core/runtime/index.js";
import { systemClock } from "../../core/shared/index.js";
import { inboundMessageSchema } from "../../core/tickets/inbound-message.js";
import { createTestCore, testConfig, type TestCore } from "../support/test-core.js";
import { parentRows } from "./parent-rows.js";
import { parentText } from "./parent-text.js";

/**
 * An FAQ question asked while a ticket is open, on the hot path: the same scenario runs
 * on a core whose database has the hot path's pool and on one whose Prisma client the hot
 * path does not know (the general path), and both must leave the same rows, replies and
 * topic copies behind. The relay is on, so the topic's copies are compared too.
 */
const relay = {
  token: "relay-token",
  apiRoot: "http://127.0.0.1:9",
  chatId: "-1001",
  showAgentName: false,
  groupMessagesPerMinute: 20,
};
let t: TestCore;
let general: Core;
let generalDb: PrismaClient;
let statements = 0;
const query = Reflect.get(pg.Client.prototype, "query") as (...args: unknown[]) => unknown;

beforeAll(async () => {
  // Counts every statement sent, so the test knows which path ran (2 is the hot path's).
  (pg.Client.prototype as { query: unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    statements++;
    return query.apply(this, args);
  };
  t = await createTestCore({ faq: "default", config: { relay } });
  const pool = poolOf(t.testDb.db);
  if (!pool) throw new Error("createDb registers its pool");
  generalDb = new PrismaClient({ adapter: new PrismaPg(pool) });
  general = createCore({
    db: generalDb,
    redis: t.testRedis.redis,
    queuePrefix: `${t.testRedis.prefix}:general`,
    clock: systemClock,
    config: testConfig({ relay }),
    i18n: createI18n(),
    faq: t.core.intake.faq,
    logger: silentLogger(),
    metrics: createMetrics(),
  });
});
afterAll(async () => {
  (pg.Client.prototype as { query: unknown }).query = query;
  await general.close();
  await t.close();
});

const OPENING = "Заявка 123456 висит на рассмотрении, что делать";
const SECOND = "забыла пароль от личного кабинета, как восстановить?";

/** FAQ hits recorded so far (written behind, so counted as rows). */
const hits = () => t.testDb.db.faqEntryHit.count();

async function scenario(core: Core, userId: string) {
  const opened = await core.receiveMessage(parentText(userId, OPENING));
  const question = parentText(userId, SECOND);
  const before = await hits();
  await core.inbox.settled();
  statements = 0;
  const second = await core.receiveMessage(question);
  const secondStatements = statements;
  const afterSecond = await hits();
  const redelivered = await core.receiveMessage(question);
  return {
    hotPath: secondStatements === 2,
    outcomes: [opened.outcome, second.outcome, redelivered.outcome],
    sameTicket: second.ticketId === opened.ticketId,
    hits: [afterSecond - before, (await hits()) - afterSecond],
    rows: await parentRows(t.testDb.db, userId),
  };
}

describe("an FAQ question while a ticket is open, on the hot path", () => {
  test("leaves what the general path leaves, and a redelivery acts once", async () => {
    const hot = await scenario(t.core, "8001");
    const before = await scenario(general, "8002");
    expect(hot.outcomes).toEqual(["ticket_opened", "faq_answer", "duplicate"]);
    expect(hot.sameTicket).toBe(true);
    expect(hot.hits).toEqual([1, 0]);
    expect(hot.hotPath).toBe(true);
    expect(before.hotPath).toBe(false);
    expect({ ...hot, hotPath: null }).toEqual({ ...before, hotPath: null });
    // What the comparison covers: the message on the ticket, its topic copy marked as
    // answered, the answer with its lookup's buttons, the lookup logged on the ticket.
    const [ticket] = hot.rows.tickets;
    expect(ticket?.messages.map((m) => m[1])).toEqual([OPENING, SECOND]);
    expect(hot.rows.lookups.map((l) => [l.outcome, l.ticket])).toEqual([
      ["escalated", "T0"],
      ["answered", "T0"],
    ]);
    const last = hot.rows.outbox.slice(-2);
    expect(last.map((o) => [o.channel, o.ticket])).toEqual([
      ["relay", "T0"],
      ["telegram", null],
    ]);
    expect(last[0]?.payload).toMatchObject({ op: "parent_message", messageId: "M1" });
    expect(JSON.stringify(last[1]?.payload)).toContain("fh:L1:");
  });

  test("a ticket changed after the read is not written to: the general path takes over", async () => {
    const userId = "8003";
    await t.core.receiveMessage(parentText(userId, OPENING));
    const update = parentText(userId, SECOND);
    const message = inboundMessageSchema.parse(update);
    const state = await readParent(poolOf(t.testDb.db)!, message, new Date(), 72);
    const open = state.openTicket;
    if (!open) throw new Error("the ticket is open");
    const second = classifySecondQuestion(t.core.intake.faq, message, open.category, "ru");
    if (second.kind !== "faq") throw new Error(`classified as ${second.kind}`);
    // An agent took the ticket meanwhile: its version moved.
    await t.testDb.db.ticket.update({ where: { id: open.id }, data: { status: "waiting_agent" } });
    const ctx = { message, eventKeys: message.eventKeys, state };
    const deps = t.core.intake;
    expect(await answerSecondOnHotPath(poolOf(t.testDb.db)!, deps, ctx, second)).toBe("moved");
    // Nothing was claimed or written: the general path handles the same update once.
    expect(await t.testDb.db.message.count({ where: { ticketId: open.id } })).toBe(1);
    const handled = await t.core.receiveMessage(update);
    expect(handled.outcome).toBe("faq_answer");
    expect(await t.testDb.db.message.count({ where: { ticketId: open.id } })).toBe(2);
  });
});
