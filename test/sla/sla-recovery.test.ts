import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningSla, startSla } from "../../core/runtime/index.js";
import { HOUR } from "../../core/shared/index.js";
import { createTestCore, type TestCore } from "../support/test-core.js";
import {
  flushTimerKeys,
  parentMessage,
  relayOn,
  fastForwardToNextTimer,
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
      sla: {
        firstResponseMinutes: 1,
        warningPoints: [
          { kind: "share", percent: 50 },
          { kind: "share", percent: 80 },
        ],
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

async function openTicket(userId: string, agoMs = 0): Promise<number> {
  clock.offset = -agoMs;
  const result = await t.core.receiveMessage(parentMessage(userId));
  clock.offset = 0;
  return result.ticketId as number;
}

const ticketJobs = async (ticketId: number) =>
  (await timerJobs(t.core)).filter((j) => j.id.startsWith(`sla-${ticketId}-`));

describe("no SLA timer is ever lost", () => {
  test("a worker restarted mid-way fires what came due while it was down", async () => {
    // Time is walked with the shifted clock and promoted jobs, not waited for: the test
    // does not depend on how fast a loaded machine runs the worker.
    const ticketId = await openTicket("8001");
    expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("p50");
    await waitFor(async () => (await slaLabels(t.core, ticketId)).includes("p50"), 10_000, "50%");
    await waitFor(async () => (await ticketJobs(ticketId)).length === 1, 5_000, "the 80% timer");

    await sla.close();
    clock.offset += 20_000; // the 80% point passes with no worker running
    expect(await slaLabels(t.core, ticketId)).toEqual(["p50"]);
    expect((await ticketJobs(ticketId)).map((j) => j.id)).toEqual([
      expect.stringMatching(new RegExp(`^sla-${ticketId}-p80-\\d+$`)),
    ]);

    sla = await startSla(t.core);
    expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("p80");
    await waitFor(async () => (await slaLabels(t.core, ticketId)).includes("p80"), 10_000, "80%");
    await waitFor(async () => (await ticketJobs(ticketId)).length === 1, 5_000, "the breach timer");
    expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("breach");
    await waitFor(
      async () => (await slaLabels(t.core, ticketId)).includes("breach"),
      10_000,
      "the breach",
    );
    expect(await slaLabels(t.core, ticketId)).toEqual(["p50", "p80", "breach"]);
    clock.offset = 0;
  });

  test("after the timers' Redis keys are flushed, the sweeper puts every timer back", async () => {
    const waiting = await openTicket("8002");
    const fresh = await openTicket("8003");
    await staffEvent(t.core, waiting, "agent_reply");
    const before = [...(await ticketJobs(waiting)), ...(await ticketJobs(fresh))].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    expect(before.map((j) => j.id.replace(/-\d+$/, ""))).toEqual(
      [`sla-${fresh}-p50`, `sla-${waiting}-remind`].sort(),
    );
    const reminder = before.find((j) => j.id.includes("remind"));
    const waitingTicket = await t.core.db.ticket.findUniqueOrThrow({ where: { id: waiting } });
    expect(reminder?.at).toBe(waitingTicket.firstResponseAt!.getTime() + 48 * HOUR);

    // Every ticket's pending timer in this database (the earlier test's too) is lost.
    const lost = (await timerJobs(t.core)).length;
    expect(await flushTimerKeys(t.testRedis.redis, t.testRedis.prefix)).toBeGreaterThan(0);
    expect(await ticketJobs(waiting)).toEqual([]);
    expect(await ticketJobs(fresh)).toEqual([]);

    const result = await sla.sweep();
    expect(result.repaired).toBe(lost);
    const after = [...(await ticketJobs(waiting)), ...(await ticketJobs(fresh))].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    // The same deterministic ids, due at the same moments.
    expect(after).toEqual(before);

    // A second sweep finds nothing to repair.
    expect((await sla.sweep()).repaired).toBe(0);
  });

  test("a restored timer fires", async () => {
    const ticketId = await openTicket("8004");
    expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("p50");
    await waitFor(async () => (await slaLabels(t.core, ticketId)).includes("p50"), 10_000, "50%");
    await waitFor(async () => (await ticketJobs(ticketId)).length > 0, 5_000, "the next timer");
    await flushTimerKeys(t.testRedis.redis, t.testRedis.prefix);
    expect(await ticketJobs(ticketId)).toEqual([]);
    await sla.sweep();
    expect(await fastForwardToNextTimer(t.core, sla.deps, clock, ticketId)).toBe("p80");
    await waitFor(async () => (await slaLabels(t.core, ticketId)).includes("p80"), 10_000, "80%");
    clock.offset = 0;
  });
});
