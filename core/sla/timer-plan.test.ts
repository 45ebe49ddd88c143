import { describe, expect, test } from "vitest";
import { parseWarningPoints } from "../config/index.js";
import { HOUR, MINUTE } from "../shared/index.js";
import { calendarPolicy } from "./business-calendar.js";
import { calendarFileSchema, toBusinessCalendar } from "./calendar-file.js";
import { plainTimePolicy } from "./sla-policy.js";
import {
  firedVerdict,
  nextTimer,
  type SlaTimer,
  type TimerFacts,
  ticketTimers,
  timerJobId,
  timerKey,
} from "./timer-plan.js";

const t0 = new Date("2026-11-25T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const settings = {
  warningPoints: parseWarningPoints("50%,80%,15m"),
  waitingParentReminderHours: 48,
  autoCloseHours: 120,
  reopenWindowHours: 72,
};
const open = (due: Date): TimerFacts => ({
  status: "new",
  responseDueAt: due,
  waitingSince: null,
});
const brief = (timers: SlaTimer[]) => timers.map((t) => [t.label, t.at.toISOString()]);

describe("timers of a ticket", () => {
  test("warnings at 50%, 80% and 15 minutes before a 24-hour deadline, then the breach", () => {
    const timers = ticketTimers(open(at(24 * HOUR)), settings, plainTimePolicy(1440));
    expect(brief(timers)).toEqual([
      ["p50", at(12 * HOUR).toISOString()],
      ["p80", at(19.2 * HOUR).toISOString()],
      ["m15", at(24 * HOUR - 15 * MINUTE).toISOString()],
      ["breach", at(24 * HOUR).toISOString()],
    ]);
    expect(timers.every((t) => t.ref === at(24 * HOUR).getTime())).toBe(true);
  });

  test("a point outside a short window is left out (15 minutes before a 1-minute deadline)", () => {
    const timers = ticketTimers(open(at(MINUTE)), settings, plainTimePolicy(1));
    expect(brief(timers)).toEqual([
      ["p50", at(30_000).toISOString()],
      ["p80", at(48_000).toISOString()],
      ["breach", at(60_000).toISOString()],
    ]);
  });

  test("with a business calendar the points are in working time", () => {
    const calendar = toBusinessCalendar(
      calendarFileSchema.parse({
        timeZone: "UTC",
        workingHours: Object.fromEntries(
          ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00-18:00"]]),
        ),
      }),
    );
    // Due Monday 30 November 10:00 UTC, 9 working hours after Friday 10:00.
    const due = new Date("2026-11-30T10:00:00Z");
    const timers = ticketTimers(open(due), settings, calendarPolicy(calendar, 540));
    expect(brief(timers).slice(0, 3)).toEqual([
      ["p50", "2026-11-27T14:30:00.000Z"],
      ["p80", "2026-11-27T17:12:00.000Z"],
      ["m15", "2026-11-30T09:45:00.000Z"],
    ]);
  });

  test("a hold keeps the SLA timers, waiting for the parent is timed instead, nothing when done", () => {
    const policy = plainTimePolicy(1440);
    expect(ticketTimers({ ...open(at(HOUR)), status: "on_hold" }, settings, policy)).toEqual(
      ticketTimers(open(at(HOUR)), settings, policy),
    );
    expect(ticketTimers({ ...open(at(HOUR)), status: "closed" }, settings, policy)).toEqual([]);
    expect(
      brief(
        ticketTimers({ ...open(at(HOUR)), status: "resolved", resolvedAt: t0 }, settings, policy),
      ),
    ).toEqual([["archive", at(72 * HOUR).toISOString()]]);
    const waiting = ticketTimers(
      { status: "waiting_parent", responseDueAt: null, waitingSince: t0 },
      settings,
      policy,
    );
    expect(brief(waiting)).toEqual([
      ["remind", at(48 * HOUR).toISOString()],
      ["close", at(120 * HOUR).toISOString()],
    ]);
    const noReminder = ticketTimers(
      { status: "waiting_parent", responseDueAt: null, waitingSince: t0 },
      { ...settings, waitingParentReminderHours: 200 },
      policy,
    );
    expect(noReminder.map((t) => t.label)).toEqual(["close"]);
  });

  test("job ids and event keys are deterministic and free of ':'", () => {
    const [first] = ticketTimers(open(at(24 * HOUR)), settings, plainTimePolicy(1440));
    expect(first && timerJobId(12, first)).toBe(`sla-12-p50-${at(24 * HOUR).getTime()}`);
    expect(first && timerKey(first)).toBe(`p50-${at(24 * HOUR).getTime()}`);
  });
});

describe("which timer is queued and which acts", () => {
  const timers = ticketTimers(open(at(24 * HOUR)), settings, plainTimePolicy(1440));
  const keys = (...labels: string[]) =>
    new Set(timers.filter((t) => labels.includes(t.label)).map(timerKey));
  const label = (t: SlaTimer | null) => t?.label ?? null;

  test("the first one that has not acted", () => {
    expect(label(nextTimer(timers, keys(), t0))).toBe("p50");
    expect(label(nextTimer(timers, keys("p50"), at(13 * HOUR)))).toBe("p80");
    expect(label(nextTimer(timers, keys("p50", "p80", "m15", "breach"), at(30 * HOUR)))).toBeNull();
  });

  test("after an outage only the latest overdue timer is queued", () => {
    expect(label(nextTimer(timers, keys(), at(20 * HOUR)))).toBe("p80");
    expect(label(nextTimer(timers, keys(), at(25 * HOUR)))).toBe("breach");
    // An earlier one never comes back once a later one acted.
    expect(label(nextTimer(timers, keys("p80"), at(20 * HOUR)))).toBe("m15");
  });

  test("a fired timer acts only when it still applies, is due and is not superseded", () => {
    const p50 = timers[0] as SlaTimer;
    expect(firedVerdict(timers, keys(), p50, at(12 * HOUR))).toBe("act");
    expect(firedVerdict(timers, keys("p50"), p50, at(12 * HOUR))).toBe("done");
    expect(firedVerdict(timers, keys(), p50, at(11 * HOUR))).toBe("early");
    expect(firedVerdict(timers, keys(), p50, at(12 * HOUR - 500))).toBe("act");
    expect(firedVerdict(timers, keys(), p50, at(20 * HOUR))).toBe("superseded");
    expect(firedVerdict(timers, keys(), { label: "p50", ref: 1 }, at(12 * HOUR))).toBe("stale");
    expect(firedVerdict([], keys(), p50, at(12 * HOUR))).toBe("stale");
  });
});
