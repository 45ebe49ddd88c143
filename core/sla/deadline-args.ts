import { HOUR, MINUTE } from "../shared/index.js";
import { addDays, localDateOf, zonedInstant } from "./zoned-time.js";

/** A supervisor's "/deadline <time> <reason>", read. */
export type DeadlineArgs =
  | { ok: true; dueAt: Date; reason: string }
  | { ok: false; code: "DEADLINE_USAGE" | "DEADLINE_IN_PAST" };

const relative = /^\+(\d{1,3})\s*(ч|h|м|m|мин|min|д|d)$/iu;
const clockTime = /^(\d{1,2}):(\d{2})$/u;
const dayMonth = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/u;
const unitMs: Record<string, number> = { ч: HOUR, h: HOUR, д: 24 * HOUR, d: 24 * HOUR };

/**
 * The new deadline and the reason: "+2ч причина", "18:00 причина" (today, or tomorrow
 * when that time has passed), "03.12 18:00 причина" or "03.12.2026 18:00 причина", wall
 * clock in the staff's time zone. The reason is required: the move is audited.
 */
export function parseDeadlineArgs(text: string, now: Date, timeZone: string): DeadlineArgs {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  const first = words[0] ?? "";
  let dueAt: number | null = null;
  let used = 1;
  const rel = relative.exec(first);
  if (rel) {
    dueAt = now.getTime() + Number(rel[1]) * (unitMs[rel[2]!.toLowerCase()] ?? MINUTE);
  } else if (clockTime.test(first)) {
    dueAt = nextWallClock(now, timeZone, localDateOf(now.getTime(), timeZone), first, true);
  } else {
    const date = dayMonth.exec(first);
    const time = words[1] ?? "";
    if (date && clockTime.test(time)) {
      const year = date[3] ?? localDateOf(now.getTime(), timeZone).slice(0, 4);
      const local = `${year}-${date[2]!.padStart(2, "0")}-${date[1]!.padStart(2, "0")}`;
      dueAt = nextWallClock(now, timeZone, local, time, false);
      used = 2;
    }
  }
  const reason = words.slice(used).join(" ");
  if (dueAt === null || Number.isNaN(dueAt) || reason === "")
    return { ok: false, code: "DEADLINE_USAGE" };
  if (dueAt <= now.getTime()) return { ok: false, code: "DEADLINE_IN_PAST" };
  return { ok: true, dueAt: new Date(dueAt), reason };
}

function nextWallClock(
  now: Date,
  timeZone: string,
  date: string,
  time: string,
  rollOver: boolean,
): number | null {
  const [, h, m] = clockTime.exec(time) ?? [];
  const hours = Number(h);
  const minutes = Number(m);
  if (hours > 23 || minutes > 59 || !/^\d{4}-\d{2}-\d{2}$/u.test(date)) return null;
  const at = zonedInstant(date, hours * 60 + minutes, timeZone);
  if (Number.isNaN(at)) return null;
  if (rollOver && at <= now.getTime())
    return zonedInstant(addDays(date, 1), hours * 60 + minutes, timeZone);
  return at;
}
