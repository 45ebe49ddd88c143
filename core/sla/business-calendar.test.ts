import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { ConfigError } from "../config/index.js";
import { HOUR, MINUTE } from "../shared/index.js";
import { type BusinessCalendar, calendarPolicy, workingIntervals } from "./business-calendar.js";
import { calendarFileSchema, loadCalendarFile, toBusinessCalendar } from "./calendar-file.js";
import { slaPolicyFor } from "./load-sla-policy.js";
import { responseDue } from "./sla-policy.js";
import { addDays } from "./zoned-time.js";

const repoCalendarFile = fileURLToPath(new URL("./calendars/ru-2026-2027.yaml", import.meta.url));
const russia = loadCalendarFile(repoCalendarFile);
/** Moscow is UTC+3 all year. */
const msk = (local: string) => new Date(`${local}+03:00`);

/** A small calendar of its own: a lunch break, a working Saturday, a holiday, a short day. */
const office: BusinessCalendar = toBusinessCalendar(
  calendarFileSchema.parse({
    timeZone: "Asia/Yekaterinburg",
    workingHours: {
      mon: ["09:00-13:00", "14:00-18:00"],
      tue: ["09:00-13:00", "14:00-18:00"],
      wed: ["09:00-13:00", "14:00-18:00"],
      thu: ["09:00-13:00", "14:00-18:00"],
      fri: ["09:00-13:00", "14:00-17:00"],
    },
    transferredWorkingDayHours: ["10:00-15:00"],
    years: {
      2026: { holidays: ["2026-03-09"], workingDays: ["2026-03-14"], shortDays: ["2026-03-06"] },
    },
  }),
);
const ekb = (local: string) => new Date(`${local}+05:00`);

describe("working time of a business calendar", () => {
  const policy = calendarPolicy(russia, 9 * 60);

  test("a day's worth of working minutes from a Friday afternoon ends on Monday", () => {
    expect(policy.addMinutes(msk("2026-11-27T16:00:00"), 9 * 60)).toEqual(
      msk("2026-11-30T16:00:00"),
    );
  });

  test("a request at night counts from the morning", () => {
    expect(responseDue(policy, msk("2026-11-24T23:30:00"))).toEqual(msk("2026-11-25T18:00:00"));
  });

  test("the deadline may end exactly when the working day ends", () => {
    expect(policy.addMinutes(msk("2026-11-25T09:00:00"), 9 * 60)).toEqual(
      msk("2026-11-25T18:00:00"),
    );
  });

  test("holidays, a transferred day off and a short pre-holiday day are skipped or cut", () => {
    // Friday 8 May 2026 ends at 17:00; 9-10 May weekend; Monday 11 May is the day off moved
    // from Saturday 9 May; work resumes on Tuesday 12 May.
    expect(policy.addMinutes(msk("2026-05-08T16:00:00"), 120)).toEqual(msk("2026-05-12T10:00:00"));
    // New Year: 31 December 2026 is off by transfer, 1-10 January 2027 are holidays and a weekend.
    expect(policy.addMinutes(msk("2026-12-30T17:00:00"), 120)).toEqual(msk("2027-01-11T10:00:00"));
  });

  test("counted time skips nights, weekends and holidays", () => {
    expect(policy.countedBetween(msk("2026-11-27T17:00:00"), msk("2026-11-30T10:00:00"))).toBe(
      2 * HOUR,
    );
    expect(policy.countedBetween(msk("2026-01-01T00:00:00"), msk("2026-01-12T00:00:00"))).toBe(0);
    expect(policy.countedBetween(msk("2026-11-30T10:00:00"), msk("2026-11-27T17:00:00"))).toBe(0);
  });

  test("negative minutes walk back through working time", () => {
    expect(policy.addMinutes(msk("2026-11-30T10:00:00"), -120)).toEqual(msk("2026-11-27T17:00:00"));
    expect(policy.addMinutes(msk("2026-05-12T10:00:00"), -120)).toEqual(msk("2026-05-08T16:00:00"));
  });

  test("adding and counting agree", () => {
    const starts = ["2026-02-20T17:45:00", "2026-04-30T12:00:00", "2026-12-30T08:00:00"];
    for (const start of starts)
      for (const minutes of [1, 59, 540, 1440, 5000]) {
        const end = policy.addMinutes(msk(start), minutes);
        expect(policy.countedBetween(msk(start), end)).toBe(minutes * MINUTE);
      }
  });
});

describe("a calendar's own rules", () => {
  const policy = calendarPolicy(office, 60);

  test("hours are in the calendar's time zone, with the lunch break skipped", () => {
    expect(policy.addMinutes(ekb("2026-11-25T12:30:00"), 60)).toEqual(ekb("2026-11-25T14:30:00"));
  });

  test("a transferred working Saturday is worked with its own hours", () => {
    expect(workingIntervals(office, "2026-03-14")).toEqual([[600, 900]]);
    expect(policy.addMinutes(ekb("2026-03-13T16:30:00"), 60)).toEqual(ekb("2026-03-14T10:30:00"));
  });

  test("a short day loses its last hour; a holiday has no hours", () => {
    expect(workingIntervals(office, "2026-03-06")).toEqual([
      [540, 780],
      [840, 960],
    ]);
    expect(workingIntervals(office, "2026-03-09")).toEqual([]);
  });
});

describe("the Russian production calendar in the repository", () => {
  const workingDays = (year: number) => {
    let count = 0;
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1))
      if (workingIntervals(russia, d).length > 0) count++;
    return count;
  };

  test("2026 has 247 working days; 2027 has 249 before its January transfers", () => {
    expect(workingDays(2026)).toBe(247);
    expect(workingDays(2027)).toBe(249);
    expect(russia.coveredYears).toEqual([2026, 2027]);
  });

  test("SLA_CALENDAR selects it; no file means plain time", () => {
    const start = { now: msk("2026-11-27T16:00:00"), warn: () => {} };
    const calendar = slaPolicyFor(
      { firstResponseMinutes: 540, calendarFile: repoCalendarFile },
      start,
    );
    expect(responseDue(calendar, msk("2026-11-27T16:00:00"))).toEqual(msk("2026-11-30T16:00:00"));
    const plain = slaPolicyFor({ firstResponseMinutes: 1440 });
    expect(responseDue(plain, msk("2026-11-27T16:00:00"))).toEqual(msk("2026-11-28T16:00:00"));
  });

  test("a calendar that does not cover today stops the start; 60 days before it runs out, a warning", () => {
    expect(() =>
      slaPolicyFor(
        { firstResponseMinutes: 540, calendarFile: repoCalendarFile },
        { now: msk("2028-01-10T10:00:00"), warn: () => {} },
      ),
    ).toThrow(
      `SLA_CALENDAR does not cover 2028: ${repoCalendarFile} lists 2026, 2027. Add 2028 (holidays, transferred working days, short days) under "years".`,
    );
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    slaPolicyFor(
      { firstResponseMinutes: 540, calendarFile: repoCalendarFile },
      { now: msk("2027-10-31T10:00:00"), warn },
    );
    expect(warnings).toEqual([]);
    slaPolicyFor(
      { firstResponseMinutes: 540, calendarFile: repoCalendarFile },
      { now: msk("2027-11-02T10:00:00"), warn },
    );
    expect(warnings).toEqual([
      `SLA_CALENDAR ${repoCalendarFile} runs out in 60 days (it lists years up to 2027): add 2028 before 1 January.`,
    ]);
  });

  test("a broken file stops the start with the file and the field", () => {
    expect(() => loadCalendarFile("no/such/calendar.yaml")).toThrow(ConfigError);
    const problems = (file: unknown) => {
      const parsed = calendarFileSchema.safeParse(file);
      return parsed.success
        ? []
        : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(problems({ timeZone: "Europe/Moscow", workingHours: {} })).toEqual([
      "workingHours: no working hours on any day",
    ]);
    expect(
      problems({ timeZone: "Mars/Olympus", workingHours: { mon: ["18:00-09:00"] } }).join("; "),
    ).toMatch(/timeZone: must be an IANA time zone.*workingHours\.mon\.0: "18:00-09:00"/);
    expect(
      problems({
        timeZone: "Europe/Moscow",
        workingHours: { mon: ["09:00-18:00"] },
        years: { 2026: { holidays: ["2027-01-01"] } },
      }),
    ).toEqual(["years.2026.holidays: 2027-01-01 is not in 2026"]);
  });
});
