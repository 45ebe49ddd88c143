import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../core/config/index.js";
import { formatDueTime } from "../../core/i18n/index.js";
import { type RunningSla, startSla } from "../../core/runtime/index.js";
import { handleSlaTimer } from "../../core/sla/index.js";
import { loadTimerStates, timerColumns, timerJobFor } from "../../core/sla/sla-timers.js";
import { agentReply, staffGuards } from "../../core/staff/index.js";
import { createTestCore, type TestCore } from "../support/test-core.js";
import {
  fastForwardToNextTimer,
  parentMessage,
  parentTexts,
  relayOn,
  relayPayloads,
  shiftedClock,
  slaLabels,
  timerJobs,
  waitFor,
} from "./sla-test-kit.js";

// The deployment's own variable, parsed as in production: a one-minute first response.
const env = loadConfig({
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused",
  TELEGRAM_BOT_TOKEN: "1:parents",
  SLA_FIRST_RESPONSE_MINUTES: "1",
});

const clock = shiftedClock();
let t: TestCore;
let sla: RunningSla;

beforeAll(async () => {
  t = await createTestCore({
    clock,
    config: { sla: env.sla, tickets: env.tickets, relay: relayOn },
    staffGuards: staffGuards(),
  });
  sla = await startSla(t.core);
});
afterAll(async () => {
  await sla.close();
  await t.close();
});

/** Opens a ticket `agoMs` in the past, then lets time run normally again. */
async function ticketOpenedAgo(userId: string, agoMs: number): Promise<number> {
  clock.offset = -agoMs;
  const result = await t.core.receiveMessage(parentMessage(userId));
  clock.offset = 0;
  expect(result.outcome).toBe("ticket_opened");
  return result.ticketId as number;
}

describe("first-response SLA with SLA_FIRST_RESPONSE_MINUTES=1", () => {
  test(
    "a ticket gets its warnings at 50% and 80%, then the breach notice",
    { timeout: 40_000 },
    async () => {
      // Opened 32 s ago: 50% (30 s) has passed, 80% is due in 16 s, the deadline in 28 s.
      // The injected clock walks to each timer and the real worker runs it at once. (The
      // clock runs with real time: a 50% still waiting when 80% comes due is skipped as
      // stale, so 80% is kept well away for a loaded machine; it was 3 s and flaked.)
      const ticketId = await ticketOpenedAgo("7001", 32_000);
      const ticket = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      expect(ticket.firstResponseDueAt.getTime() - ticket.createdAt.getTime()).toBe(60_000);

      // 50% is overdue at opening and fires at once; 80% and the deadline are walked to.
      await waitFor(
        async () => (await slaLabels(t.core, ticketId)).includes("p50"),
        10_000,
        "the overdue 50% warning",
      );
      for (const label of ["p80", "breach"]) {
        expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe(label);
        await waitFor(
          async () => (await slaLabels(t.core, ticketId)).includes(label),
          10_000,
          `the ${label} timer`,
        );
      }
      expect(await slaLabels(t.core, ticketId)).toEqual(["p50", "p80", "breach"]);

      const relay = await relayPayloads(t.core, ticketId);
      const warnings = relay.filter((p) => p.op === "notice" && p.key === "relay-sla-warning");
      expect(warnings).toHaveLength(2);
      const due = formatDueTime(ticket.firstResponseDueAt, "ru", "Europe/Moscow", new Date());
      expect(warnings.map((w) => w.op === "notice" && w.args)).toEqual([
        { left: "0м", due },
        { left: "0м", due },
      ]);
      expect(relay.filter((p) => p.op === "supervisor_alert")).toEqual([
        {
          op: "supervisor_alert",
          ticketId,
          key: "relay-sla-breach",
          args: { number: String(ticket.number), due },
        },
      ]);
      expect(relay.at(-1)).toEqual({ op: "sync_topic", ticketId });

      const apology = `Мы задерживаемся с ответом по обращению №${ticket.number}, приносим извинения; ответим как можно скорее.`;
      expect((await parentTexts(t.core, ticketId)).filter((text) => text === apology)).toHaveLength(
        1,
      );
      const breached = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      expect(breached.slaBreachedAt).not.toBeNull();
      expect(breached.slaBreachedAt!.getTime()).toBeGreaterThanOrEqual(
        ticket.firstResponseDueAt.getTime(),
      );

      // The counters move right after the commit that records the event: wait for them.
      await waitFor(
        async () => {
          const values = (await t.core.metrics.slaEvents.get()).values;
          return values.find((v) => v.labels.kind === "breach")?.value === 1;
        },
        5_000,
        "the breach counter",
      );
      const metrics = await t.core.metrics.slaEvents.get();
      const count = (kind: string) => metrics.values.find((v) => v.labels.kind === kind)?.value;
      expect([count("warning"), count("breach")]).toEqual([2, 1]);

      // Nothing is left to fire, and a breach timer delivered twice acts once.
      await waitFor(
        async () => (await timerJobs(t.core)).every((j) => !j.id.startsWith(`sla-${ticketId}-`)),
        5_000,
        "no timers",
      );
      const breach = { ticketId, label: "breach", ref: ticket.firstResponseDueAt.getTime() };
      expect(await handleSlaTimer(sla.deps, breach)).toBe("done");
      expect((await parentTexts(t.core, ticketId)).filter((text) => text === apology)).toHaveLength(
        1,
      );
    },
  );

  test(
    "an answer before the deadline cancels the warnings and the breach",
    { timeout: 30_000 },
    async () => {
      // Opened 49 s ago: the 80% warning fires at once, the deadline is 11 s away (real
      // time: the answer below must come first, even on a loaded machine).
      const ticketId = await ticketOpenedAgo("7002", 49_000);
      const ticket = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      await waitFor(
        async () => (await slaLabels(t.core, ticketId)).includes("p80"),
        10_000,
        "the 80% warning",
      );

      // The answer 50 s after opening on the injected clock, whatever the machine's pace
      // until here (the first reply also loads the spelling dictionary).
      clock.offset = ticket.createdAt.getTime() + 50_000 - Date.now();
      const reply = await agentReply(t.core.staff!, {
        actor: { telegramUserId: "501", displayName: "Оператор" },
        ticketId,
        text: "Здравствуйте! Проверили запись: ребёнок записан на кружок.",
        attachments: [],
        relayMessageId: 1,
        eventKey: `relay:reply:${ticketId}`,
      });
      expect(reply).toMatchObject({ outcome: "sent", firstResponse: true });
      const jobs = (await timerJobs(t.core)).filter((j) => j.id.startsWith(`sla-${ticketId}-`));
      // The breach timer is gone; the reminder to a silent parent took its place.
      expect(jobs.map((j) => j.id.replace(/-\d+$/, ""))).toEqual([`sla-${ticketId}-remind`]);

      // Past the deadline on the injected clock: the next timer is the reminder, two days
      // on; the breach is not pending anywhere.
      clock.offset = ticket.firstResponseDueAt.getTime() - Date.now() + 1_500;
      const next = await t.core.db.ticket.findUniqueOrThrow({
        where: { id: ticketId },
        select: timerColumns,
      });
      const states = await loadTimerStates(t.core.db, sla.deps, [next]);
      expect(timerJobFor(ticketId, states.get(ticketId), t.core.clock.now())?.data.label).toBe(
        "remind",
      );
      // Only the 80% warning (50% was overdue too and is skipped as stale); no breach, no apology.
      expect(await slaLabels(t.core, ticketId)).toEqual(["p80"]);
      const answered = await t.core.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      expect(answered.slaBreachedAt).toBeNull();
      expect(answered.firstResponseAt!.getTime()).toBeLessThan(ticket.firstResponseDueAt.getTime());
      expect(
        (await parentTexts(t.core, ticketId)).some((text) => text.includes("задерживаемся")),
      ).toBe(false);
      // A breach timer that fired anyway (lost removal, another process) re-checks and does nothing.
      const stale = { ticketId, label: "breach", ref: ticket.firstResponseDueAt.getTime() };
      expect(await handleSlaTimer(sla.deps, stale)).toBe("stale");
      expect(await slaLabels(t.core, ticketId)).toEqual(["p80"]);
      clock.offset = 0;
    },
  );
});
