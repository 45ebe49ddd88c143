import { MINUTE } from "../shared/index.js";
import type { SlaPolicy } from "./sla-policy.js";
import { addDays, type LocalDate, localDateOf, weekdayOf, zonedInstant } from "./zoned-time.js";

/** Working time within one day: [start, end) in minutes after local midnight. */
export type DayInterval = readonly [start: number, end: number];

/**
 * When the support team works: hours per weekday in one time zone, non-working holidays,
 * weekend days that are worked instead (transfers), and pre-holiday days cut short.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday, as Date#getDay. */
  week: readonly (readonly DayInterval[])[];
  /** The hours of a weekend day that is a working day by transfer. */
  transferredWorkingDayHours: readonly DayInterval[];
  /** How much shorter a pre-holiday day is (Labour Code art. 95: one hour). */
  shortDayMinutes: number;
  holidays: ReadonlySet<LocalDate>;
  workingDays: ReadonlySet<LocalDate>;
  shortDays: ReadonlySet<LocalDate>;
  /** Years the file lists exceptions for; later dates follow the weekly hours only. */
  coveredYears: readonly number[];
}

/** The working intervals of a local date, in minutes of that day. */
export function workingIntervals(calendar: BusinessCalendar, date: LocalDate): DayInterval[] {
  if (calendar.holidays.has(date)) return [];
  const base = calendar.workingDays.has(date)
    ? calendar.transferredWorkingDayHours
    : (calendar.week[weekdayOf(date)] ?? []);
  if (!calendar.shortDays.has(date)) return [...base];
  return shortened(base, calendar.shortDayMinutes);
}

/** The day ends `minutes` earlier: cut from the last interval backwards. */
function shortened(intervals: readonly DayInterval[], minutes: number): DayInterval[] {
  const out: DayInterval[] = [];
  let cut = minutes;
  for (let i = intervals.length - 1; i >= 0; i--) {
    const [start, end] = intervals[i] as DayInterval;
    const keep = Math.min(end - start, Math.max(0, end - start - cut));
    cut -= end - start - keep;
    if (keep > 0) out.unshift([start, start + keep]);
  }
  return out;
}

/** A day to look at further than this means the calendar has no working time at all. */
const MAX_DAYS_SCANNED = 3700;

/**
 * An SLA policy that counts working time only: "24 hours" become 24 working hours, the
 * clock stops at night, at weekends and on holidays. `addMinutes` with a negative
 * amount walks back (used for warnings "15 minutes of working time before").
 */
export function calendarPolicy(calendar: BusinessCalendar, responseMinutes: number): SlaPolicy {
  const cache = new Map<LocalDate, [number, number][]>();
  const instants = (date: LocalDate): [number, number][] => {
    let found = cache.get(date);
    if (!found) {
      found = workingIntervals(calendar, date).map(([start, end]): [number, number] => [
        zonedInstant(date, start, calendar.timeZone),
        zonedInstant(date, end, calendar.timeZone),
      ]);
      if (cache.size > 5000) cache.clear();
      cache.set(date, found);
    }
    return found;
  };
  const dayOf = (at: number) => localDateOf(at, calendar.timeZone);

  return {
    responseMinutes,
    workingTime: true,
    addMinutes(start, minutes) {
      const from = start.getTime();
      const amount = minutes * MINUTE;
      if (amount === 0) return new Date(from);
      const at =
        amount > 0
          ? forward(instants, dayOf(from), from, amount)
          : backward(instants, dayOf(from), from, -amount);
      return new Date(at);
    },
    countedBetween(fromDate, toDate) {
      const from = fromDate.getTime();
      const to = toDate.getTime();
      if (to <= from) return 0;
      let total = 0;
      const last = dayOf(to);
      for (let date = dayOf(from); date <= last; date = addDays(date, 1))
        for (const [a, b] of instants(date))
          total += Math.max(0, Math.min(b, to) - Math.max(a, from));
      return total;
    },
  };
}

type Instants = (date: LocalDate) => [number, number][];

function forward(instants: Instants, firstDay: LocalDate, from: number, amount: number): number {
  let left = amount;
  let date = firstDay;
  for (let n = 0; n < MAX_DAYS_SCANNED; n++, date = addDays(date, 1)) {
    for (const [a, b] of instants(date)) {
      const start = Math.max(a, from);
      if (start >= b) continue;
      if (b - start >= left) return start + left;
      left -= b - start;
    }
  }
  throw new Error("The business calendar has no working time: check its weekly hours.");
}

function backward(instants: Instants, firstDay: LocalDate, from: number, amount: number): number {
  let left = amount;
  let date = firstDay;
  for (let n = 0; n < MAX_DAYS_SCANNED; n++, date = addDays(date, -1)) {
    for (const [a, b] of [...instants(date)].reverse()) {
      const end = Math.min(b, from);
      if (end <= a) continue;
      if (end - a >= left) return end - left;
      left -= end - a;
    }
  }
  throw new Error("The business calendar has no working time: check its weekly hours.");
}
