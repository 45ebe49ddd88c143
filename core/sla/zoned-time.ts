/** A calendar date in some time zone, as "YYYY-MM-DD". */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(at: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(at)))
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The local date of an instant in a zone. */
export function localDateOf(at: number, timeZone: string): LocalDate {
  const w = wallClock(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant a wall-clock time of a local date happens in a zone. Checked twice so a
 * DST change between midnight and the time is accounted for.
 */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const naive = parseDate(date) + minuteOfDay * 60_000;
  const first = naive - zoneOffset(naive, timeZone);
  return naive - zoneOffset(first, timeZone);
}

/** The local date `days` after (or before) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(parseDate(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function weekdayOf(date: LocalDate): number {
  return new Date(parseDate(date)).getUTCDay();
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = parseDate(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function parseDate(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
