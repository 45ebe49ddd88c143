import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningSla, startSla } from "../../core/runtime/index.js";
import { handleSlaTimer, SlaTimerEarlyError } from "../../core/sla/index.js";
import { createTestCore, type TestCore } from "../support/test-core.js";
import {
  fastForwardToNextTimer,
  parentMessage,
  parentTexts,
  relayOn,
  relayPayloads,
  shiftedClock,
  slaLabels,
  staffEvent,
  timerJobs,
  waitFor,
} from "./sla-test-kit.js";

const clock = shiftedClock();
let t: TestCore;
let sla: RunningSla;

beforeAll(async () => {
  t = await createTestCore({
    clock,
    config: {
      // The production defaults: remind after 48 hours of silence, close after 120. The
      // tests walk the injected clock to each timer (fastForwardToNextTimer), so nothing
      // fires on its own while a test runs, however slow the machine.
      tickets: {
        reopenWindowHours: 72,
        waitingParentReminderHours: 48,
        autoCloseHours: 120,
      },
      relay: relayOn,
    },
  });
  sla = await startSla(t.core);
});
afterAll(async () => {
  await sla.close();
  await t.close();
});

async function openTicket(userId: string): Promise<number> {
  const result = await t.core.receiveMessage(parentMessage(userId));
  return result.ticketId as number;
}

const jobLabels = async (ticketId: number) =>
  (await timerJobs(t.core))
    .filter((j) => j.id.startsWith(`sla-${ticketId}-`))
    .map((j) => j.id.split("-")[2]);

describe("a ticket waiting for the parent", () => {
  test(
    "one reminder, then the ticket closes with a notice to the parent and in the topic",
    { timeout: 20_000 },
    async () => {
      const ticketId = await openTicket("9001");
      await staffEvent(t.core, ticketId, "agent_reply");
      const ticket = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      expect(ticket.status).toBe("waiting_parent");

      // 48 hours of silence: the reminder, run by the real worker.
      expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("remind");
      await waitFor(
        async () => (await slaLabels(t.core, ticketId)).includes("remind"),
        10_000,
        "the reminder",
      );
      expect((await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe(
        "waiting_parent",
      );
      // 120 hours: the auto-close.
      expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("close");
      await waitFor(
        async () =>
          (await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status ===
          "closed",
        10_000,
        "the auto-close",
      );
      expect(await slaLabels(t.core, ticketId)).toEqual(["remind", "close"]);
      const texts = await parentTexts(t.core, ticketId);
      expect(
        texts.filter((x) => x.startsWith(`Напоминаем об обращении №${ticket.number}`)),
      ).toHaveLength(1);
      expect(texts.at(-1)).toBe(
        `Мы закрыли обращение №${ticket.number}, так как не получили ответа. Если вопрос остался, просто напишите сюда — поможем.`,
      );
      const relay = await relayPayloads(t.core, ticketId);
      expect(relay.filter((p) => p.op === "notice").map((p) => p.op === "notice" && p.key)).toEqual(
        ["relay-sla-reminder-sent", "relay-sla-auto-closed"],
      );
      expect(relay.at(-1)).toEqual({ op: "sync_topic", ticketId });
      const closed = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      expect(closed.closedAt).not.toBeNull();
      expect(await t.core.db.auditLog.count({ where: { ticketId, action: "auto_close" } })).toBe(1);
      await waitFor(async () => (await jobLabels(ticketId)).length === 0, 5_000, "no timers left");
      clock.offset = 0;
    },
  );

  test("the parent's answer cancels the reminder and restarts the response clock", async () => {
    const ticketId = await openTicket("9002");
    await staffEvent(t.core, ticketId, "agent_reply");
    expect(await jobLabels(ticketId)).toEqual(["remind"]);
    await t.core.receiveMessage(parentMessage("9002", "Спасибо, а ещё вопрос"));
    expect(await jobLabels(ticketId)).toEqual(["p50"]);
    const ticket = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket.status).toBe("waiting_agent");
    const [job] = (await timerJobs(t.core)).filter((j) => j.id.startsWith(`sla-${ticketId}-`));
    expect(job?.id).toBe(`sla-${ticketId}-p50-${ticket.responseDueAt!.getTime()}`);
  });
});

describe("a ticket on hold", () => {
  test("the deadline keeps running on hold; the parent's message ends the hold, not the promise", async () => {
    const ticketId = await openTicket("9003");
    const opened = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(await jobLabels(ticketId)).toEqual(["p50"]);

    await staffEvent(t.core, ticketId, "hold");
    expect(await jobLabels(ticketId)).toEqual(["p50"]);

    clock.offset = 60 * 60_000; // an hour on hold
    await t.core.receiveMessage(parentMessage("9003", "Есть новости?"));
    clock.offset = 0;
    const resumed = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(resumed.status).toBe("waiting_agent");
    expect(resumed.responseDueAt).toEqual(opened.responseDueAt);
    expect(resumed.firstResponseDueAt).toEqual(opened.firstResponseDueAt);
    const [job] = (await timerJobs(t.core)).filter((j) => j.id.startsWith(`sla-${ticketId}-`));
    expect(job?.id).toBe(`sla-${ticketId}-p50-${opened.responseDueAt!.getTime()}`);
  });

  test("a resolved ticket waits for the reopen window, then becomes closed (clock crossing the window)", async () => {
    const ticketId = await openTicket("9004");
    await staffEvent(t.core, ticketId, "resolve");
    const resolved = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(await jobLabels(ticketId)).toEqual(["archive"]);
    const archive = { ticketId, label: "archive", ref: resolved.resolvedAt!.getTime() };

    clock.offset = 71 * 60 * 60_000; // inside the 72-hour window: too early, retried
    await expect(handleSlaTimer(sla.deps, archive)).rejects.toThrow(SlaTimerEarlyError);
    clock.offset = 72 * 60 * 60_000 + 1_000; // just past it
    expect(await handleSlaTimer(sla.deps, archive)).toBe("act");
    clock.offset = 0;
    const closed = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(closed.status).toBe("closed");
    expect(await t.core.db.auditLog.count({ where: { ticketId, action: "archive" } })).toBe(1);
    expect(await handleSlaTimer(sla.deps, archive)).toBe("stale");
    expect(
      await t.testRedis.redis.hget(`${t.testRedis.prefix}:timers:sla`, String(ticketId)),
    ).toBeNull();
  });
});
