import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { poolOf } from "../../core/db/index.js";
import { answerSecondOnHotPath } from "../../core/intake/hot-path/hot-second-question.js";
import { readParent } from "../../core/intake/hot-path/read-parent.js";
import { classifySecondQuestion } from "../../core/intake/second-question.js";
import type { Core } from "../../core/runtime/index.js";
import { inboundMessageSchema } from "../../core/tickets/inbound-message.js";
import { parentRows } from "./parent-rows.js";
import { parentText } from "./parent-text.js";
import { startTwoPaths, type TwoPaths } from "./two-paths.js";

/**
 * An FAQ question asked while a ticket is open, on the hot path: the same scenario runs
 * on the hot path and on the general path, and both must leave the same rows, replies
 * and topic copies behind. The relay is on, so the topic's copies are compared too.
 */
let p: TwoPaths;
beforeAll(async () => {
  p = await startTwoPaths();
});
afterAll(async () => p.close());

const OPENING = "Заявка 123456 висит на рассмотрении, что делать";
const SECOND = "забыла пароль от личного кабинета, как восстановить?";

/** FAQ hits recorded so far (written behind, so counted as rows). */
const hits = () => p.t.testDb.db.faqEntryHit.count();

async function scenario(core: Core, userId: string) {
  const opened = await core.receiveMessage(parentText(userId, OPENING));
  const question = parentText(userId, SECOND);
  const before = await hits();
  const second = await p.counted(() => core.receiveMessage(question));
  const afterSecond = await hits();
  const redelivered = await core.receiveMessage(question);
  return {
    // 2 statements is the hot path (the read and the write); the general path sends ~10.
    hotPath: second.statements === 2,
    outcomes: [opened.outcome, second.result.outcome, redelivered.outcome],
    sameTicket: second.result.ticketId === opened.ticketId,
    hits: [afterSecond - before, (await hits()) - afterSecond],
    rows: await parentRows(p.t.testDb.db, userId),
  };
}

describe("an FAQ question while a ticket is open, on the hot path", () => {
  test("leaves what the general path leaves, and a redelivery acts once", async () => {
    const hot = await scenario(p.t.core, "8001");
    const before = await scenario(p.general, "8002");
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
    const db = p.t.testDb.db;
    await p.t.core.receiveMessage(parentText(userId, OPENING));
    const update = parentText(userId, SECOND);
    const message = inboundMessageSchema.parse(update);
    const pool = poolOf(db);
    if (!pool) throw new Error("createDb registers its pool");
    const state = await readParent(pool, message, new Date(), 72);
    const open = state.openTicket;
    if (!open) throw new Error("the ticket is open");
    const second = classifySecondQuestion(p.t.core.intake.faq, message, open.category, "ru");
    if (second.kind !== "faq") throw new Error(`classified as ${second.kind}`);
    // An agent took the ticket meanwhile: its version moved.
    await db.ticket.update({ where: { id: open.id }, data: { status: "waiting_agent" } });
    const ctx = { message, eventKeys: message.eventKeys, state };
    expect(await answerSecondOnHotPath(pool, p.t.core.intake, ctx, second)).toBe("moved");
    // Nothing was claimed or written: the same update is then handled once.
    expect(await db.message.count({ where: { ticketId: open.id } })).toBe(1);
    const handled = await p.t.core.receiveMessage(update);
    expect(handled.outcome).toBe("faq_answer");
    expect(await db.message.count({ where: { ticketId: open.id } })).toBe(2);
  });
});
