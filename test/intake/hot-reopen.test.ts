import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inTransaction, poolOf } from "../../core/db/index.js";
import { decide } from "../../core/intake/answer-from-faq.js";
import { reopenOnHotPath } from "../../core/intake/hot-path/hot-reopen.js";
import { readParent } from "../../core/intake/hot-path/read-parent.js";
import { type Core, createSlaDeps, type RunningSla, startSla } from "../../core/runtime/index.js";
import { rescheduleSlaTimers } from "../../core/sla/index.js";
import { HOUR } from "../../core/shared/index.js";
import { applyTicketEvent } from "../../core/tickets/apply-ticket-event.js";
import { inboundMessageSchema } from "../../core/tickets/inbound-message.js";
import { parentRows } from "./parent-rows.js";
import { parentText } from "./parent-text.js";
import { startTwoPaths, type TwoPaths } from "./two-paths.js";

/**
 * A question the FAQ cannot answer, shortly after the parent's ticket was solved, reopens
 * that ticket on the hot path: the same scenario runs on the hot path and on the general
 * path (reopenWithMessage), and both must leave the same rows, replies and topic posts
 * behind, with the same SLA timer queued.
 */
let p: TwoPaths;
let sla: RunningSla;
beforeAll(async () => {
  p = await startTwoPaths();
  sla = await startSla(p.t.core, { runTimers: false });
});
afterAll(async () => {
  await sla.close();
  await p.close();
});

const OPENING = "Заявка 123456 висит на рассмотрении, что делать";
const AGAIN = "Тренер отменил занятия, а деньги за месяц не вернули";

async function resolve(ticketId: number, at: Date) {
  await inTransaction(p.t.testDb.db, (tx) =>
    applyTicketEvent(tx, ticketId, "resolve", {
      now: at,
      policy: p.t.core.intake.policy,
      reopenWindowHours: 72,
    }),
  );
}

async function scenario(core: Core, userId: string) {
  const opened = await core.receiveMessage(parentText(userId, OPENING));
  if (!opened.ticketId) throw new Error("a ticket was opened");
  await resolve(opened.ticketId, new Date());
  // The parent rated the answer: a reopen takes the rating back.
  await p.t.testDb.db.ticket.update({
    where: { id: opened.ticketId },
    data: { rating: 2, ratedAt: new Date() },
  });
  const again = parentText(userId, AGAIN);
  const reopened = await p.counted(() => core.receiveMessage(again));
  const redelivered = await core.receiveMessage(again);
  return {
    // 2 statements is the hot path (the read and the write); the general path sends more.
    hotPath: reopened.statements === 2,
    outcomes: [opened.outcome, reopened.result.outcome, redelivered.outcome],
    sameTicket: reopened.result.ticketId === opened.ticketId,
    rows: await parentRows(p.t.testDb.db, userId),
  };
}

describe("a reopen on the hot path", () => {
  test("leaves what the general path leaves, queues the same timer, and a redelivery acts once", async () => {
    const hot = await scenario(p.t.core, "8101");
    const before = await scenario(p.general, "8102");
    expect(hot.outcomes).toEqual(["ticket_opened", "appended", "duplicate"]);
    expect(hot.sameTicket).toBe(true);
    expect(hot.hotPath).toBe(true);
    expect(before.hotPath).toBe(false);
    expect({ ...hot, hotPath: null }).toEqual({ ...before, hotPath: null });
    const [ticket] = hot.rows.tickets;
    expect(hot.rows.tickets).toHaveLength(1);
    expect(ticket).toMatchObject({
      status: "waiting_agent",
      resolved: false,
      hasResponseDue: true,
    });
    expect(ticket?.messages.map((m) => m[1])).toEqual([OPENING, AGAIN]);
    expect(hot.rows.lookups.map((l) => [l.outcome, l.ticket])).toEqual([
      ["escalated", "T0"],
      ["reopened", "T0"],
    ]);
    const last = hot.rows.outbox.slice(-4);
    expect(last.map((o) => [o.channel, o.ticket, (o.payload as { op?: string }).op])).toEqual([
      ["telegram", "T0", undefined],
      ["relay", "T0", "sync_topic"],
      ["relay", "T0", "notice"],
      ["relay", "T0", "parent_message"],
    ]);
    expect(JSON.stringify(last[0]?.payload)).toContain("снова в работе");

    // The timer the hot path queued from what it wrote is the one a reschedule that reads
    // the ticket back (the general path's way) puts.
    const stored = await p.t.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { externalId: "8101" } },
    });
    const deps = createSlaDeps(p.t.core);
    const [queued] = await deps.timers.current([String(stored.id)]);
    expect(queued).toBeTruthy();
    await rescheduleSlaTimers(deps, [stored.id]);
    expect(await deps.timers.current([String(stored.id)])).toEqual([queued]);
    // The parent is told the new deadline, in the default zone.
    const due = stored.responseDueAt;
    if (!due) throw new Error("a reply is owed");
    const time = new Intl.DateTimeFormat("ru-RU", {
      timeZone: "Europe/Moscow",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(due);
    const reply = await p.t.testDb.db.outbox.findFirstOrThrow({
      where: { ticketId: stored.id, channel: "telegram" },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(reply.payload)).toContain(
      `№${stored.number} снова в работе. Ответим до ${time}`,
    );
  });

  test("a ticket solved longer ago than the window gives way to a new ticket", async () => {
    const userId = "8103";
    const opened = await p.t.core.receiveMessage(parentText(userId, OPENING));
    if (!opened.ticketId) throw new Error("a ticket was opened");
    await resolve(opened.ticketId, new Date(Date.now() - 73 * HOUR));
    const again = await p.t.core.receiveMessage(parentText(userId, AGAIN));
    expect(again.outcome).toBe("ticket_opened");
    expect(again.ticketId).not.toBe(opened.ticketId);
  });

  test("a ticket changed after the read is not reopened by the hot path: the general path takes over", async () => {
    const userId = "8104";
    const db = p.t.testDb.db;
    const opened = await p.t.core.receiveMessage(parentText(userId, OPENING));
    if (!opened.ticketId) throw new Error("a ticket was opened");
    await resolve(opened.ticketId, new Date());
    const update = parentText(userId, AGAIN);
    const message = inboundMessageSchema.parse(update);
    const pool = poolOf(db);
    if (!pool) throw new Error("createDb registers its pool");
    const state = await readParent(pool, message, new Date(), 72);
    expect(state.recentlyResolved?.id).toBe(opened.ticketId);
    const suggestion = p.t.core.intake.faq.suggest(message.text, "ru");
    expect(decide(suggestion)).toBe("escalated");
    // The parent rated the ticket meanwhile: its version moved.
    await db.ticket.update({ where: { id: opened.ticketId }, data: { rating: 5 } });
    const ctx = { message, eventKeys: message.eventKeys, state };
    expect(await reopenOnHotPath(pool, p.t.core.intake, ctx, suggestion)).toBe("moved");
    // Nothing was claimed or written: the same update is then handled once.
    const after = await db.ticket.findUniqueOrThrow({ where: { id: opened.ticketId } });
    expect(after.status).toBe("resolved");
    expect(await db.message.count({ where: { ticketId: opened.ticketId } })).toBe(1);
    const handled = await p.t.core.receiveMessage(update);
    expect(handled).toEqual({ outcome: "appended", ticketId: opened.ticketId });
    expect(await db.message.count({ where: { ticketId: opened.ticketId } })).toBe(2);
    expect(await p.t.core.receiveMessage(update)).toEqual({ outcome: "duplicate" });
  });
});
