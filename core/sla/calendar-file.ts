import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConfigError } from "../config/index.js";
import type { BusinessCalendar, DayInterval } from "./business-calendar.js";
import { isLocalDate, localDateOf, zonedInstant } from "./zoned-time.js";

const interval = z
  .string()
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'must look like "09:00-18:00"')
  .transform((value, ctx): DayInterval => {
    const [start, end] = value.split("-").map(minutesOfDay) as [number, number];
    if (Number.isNaN(start) || Number.isNaN(end) || start >= end)
      ctx.addIssue({ code: "custom", message: `"${value}" is not a time range within one day` });
    return [start, end];
  });

const dayHours = z
  .array(interval)
  .default([])
  .refine(
    (list) => list.every((cur, i) => i === 0 || (list[i - 1] as DayInterval)[1] <= cur[0]),
    "ranges must be in order and must not overlap",
  );

const date = z.string().refine(isLocalDate, "must be a date like 2026-01-01");

const yearSchema = z.object({
  holidays: z.array(date).default([]),
  workingDays: z.array(date).default([]),
  shortDays: z.array(date).default([]),
});

const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The shape of an SLA_CALENDAR file (YAML or JSON), see core/sla/calendars/. */
export const calendarFileSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Moscow"),
    workingHours: z.object(
      Object.fromEntries(weekdays.map((d) => [d, dayHours])) as Record<
        (typeof weekdays)[number],
        typeof dayHours
      >,
    ),
    transferredWorkingDayHours: dayHours.optional(),
    shortDayMinutes: z.number().int().min(0).max(600).default(60),
    years: z
      .record(z.string().regex(/^\d{4}$/, "years are keys like 2026"), yearSchema)
      .default({}),
  })
  .superRefine((file, ctx) => {
    if (weekdays.every((d) => file.workingHours[d].length === 0))
      ctx.addIssue({
        code: "custom",
        path: ["workingHours"],
        message: "no working hours on any day",
      });
    for (const [year, lists] of Object.entries(file.years))
      for (const [list, dates] of Object.entries(lists))
        for (const d of dates)
          if (!d.startsWith(`${year}-`))
            ctx.addIssue({
              code: "custom",
              path: ["years", year, list],
              message: `${d} is not in ${year}`,
            });
  });

export type CalendarFile = z.infer<typeof calendarFileSchema>;

/** Turns the validated file into the calendar the policy counts with. */
export function toBusinessCalendar(file: CalendarFile): BusinessCalendar {
  const years = Object.values(file.years);
  return {
    timeZone: file.timeZone,
    week: weekdays.map((d) => file.workingHours[d]),
    transferredWorkingDayHours: file.transferredWorkingDayHours ?? file.workingHours.mon,
    shortDayMinutes: file.shortDayMinutes,
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workingDays: new Set(years.flatMap((y) => y.workingDays)),
    shortDays: new Set(years.flatMap((y) => y.shortDays)),
    coveredYears: Object.keys(file.years).map(Number).sort(),
  };
}

/**
 * Reads and validates a calendar file (path relative to the working directory). A
 * problem stops the start with a ConfigError naming the file and the field.
 */
export function loadCalendarFile(file: string): BusinessCalendar {
  const problem = (message: string) =>
    new ConfigError([`SLA_CALENDAR is invalid: ${file}: ${message}`]);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path.resolve(file), "utf8"));
  } catch (error) {
    throw problem(error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error));
  }
  const parsed = calendarFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw problem(`${issue?.path.join(".") || "file"}: ${issue?.message ?? "invalid"}`);
  }
  return toBusinessCalendar(parsed.data);
}

/** How long before a calendar runs out the start warns. */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * A calendar must list today's year (holidays and transferred days change every year):
 * otherwise a ConfigError names the file and the year. Returns a warning when the last
 * listed year ends within CALENDAR_WARNING_DAYS, null otherwise.
 */
export function checkCalendarCoverage(
  calendar: BusinessCalendar,
  file: string,
  now: Date,
): string | null {
  const year = Number(localDateOf(now.getTime(), calendar.timeZone).slice(0, 4));
  const covered = calendar.coveredYears;
  if (!covered.includes(year))
    throw new ConfigError([
      `SLA_CALENDAR does not cover ${year}: ${file} lists ${covered.join(", ") || "no years"}. Add ${year} (holidays, transferred working days, short days) under "years".`,
    ]);
  const last = Math.max(...covered);
  const end = zonedInstant(`${last + 1}-01-01`, 0, calendar.timeZone);
  const daysLeft = Math.ceil((end - now.getTime()) / 86_400_000);
  return daysLeft <= CALENDAR_WARNING_DAYS
    ? `SLA_CALENDAR ${file} runs out in ${daysLeft} days (it lists years up to ${last}): add ${last + 1} before 1 January.`
    : null;
}

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h <= 24 && m < 60 && h * 60 + m <= 24 * 60 ? h * 60 + m : Number.NaN;
}

/** Whether Intl knows the IANA time zone (e.g. Europe/Moscow). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
