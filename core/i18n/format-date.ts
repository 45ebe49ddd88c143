import type { Locale } from "../contacts/contact-locale.js";

/**
 * A deadline as a parent reads it, in their time zone: "14:30 26 ноября" (Russian) or
 * "14:30, 26 November" (English). The year is added only when it is not the current one.
 */
export function formatDueTime(
  at: Date,
  locale: Locale,
  timeZone: string,
  now: Date = new Date(),
): string {
  const parts = (options: Intl.DateTimeFormatOptions) =>
    formatter(locale === "en" ? "en-GB" : "ru-RU", { timeZone, ...options }).format(at);
  const time = parts({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const sameYear = yearIn(at, timeZone) === yearIn(now, timeZone);
  const date = parts({ day: "numeric", month: "long", ...(sameYear ? {} : { year: "numeric" }) });
  return locale === "en" ? `${time}, ${date}` : `${time} ${date}`;
}

function yearIn(at: Date, timeZone: string): string {
  return formatter("en", { timeZone, year: "numeric" }).format(at);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one, and every new
// ticket's answer formats its deadline: one per locale, zone and option set, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** Hours and minutes left, for staff ("23ч", "1ч 5м", "просрочено"). */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const [hu, mu] = locale === "en" ? ["h", "m"] : ["ч", "м"];
  if (h === 0) return `${m}${mu}`;
  return m === 0 || h >= 10 ? `${h}${hu}` : `${h}${hu} ${m}${mu}`;
}
