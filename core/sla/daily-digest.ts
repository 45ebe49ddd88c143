import { inTransaction } from "../db/index.js";
import { emptyEffects, notifyStaff } from "../intake/index.js";
import { HOUR } from "../shared/index.js";
import { openStatuses } from "../tickets/ticket-state.js";
import type { SlaDeps } from "./sla-deps.js";
import { localDateOf } from "./zoned-time.js";

/** Open tickets whose reply is due within this many hours are "at risk". */
export const AT_RISK_HOURS = 4;

export interface DigestCounts {
  opened: number;
  resolved: number;
  breached: number;
  atRisk: number;
  overdue: number;
  open: number;
}

/**
 * The morning digest for the staff group: the last 24 hours (opened, resolved, tickets
 * that breached a deadline) and what needs attention now (due within 4 hours, overdue,
 * open in total). Posted once per day: the date is the row's dedupe key.
 */
export async function postDailyDigest(
  deps: Pick<SlaDeps, "db" | "clock" | "settings" | "afterCommit">,
): Promise<DigestCounts> {
  const now = deps.clock.now();
  const counts = await digestCounts(deps, now);
  const date = localDateOf(now.getTime(), deps.settings.defaultTimeZone);
  const effects = emptyEffects();
  await inTransaction(deps.db, async (tx) => {
    effects.outboxIds.length = 0;
    const [year, month, day] = date.split("-");
    await notifyStaff(
      tx,
      effects,
      deps.settings,
      {
        op: "general_text",
        key: "relay-digest",
        args: { date: `${day}.${month}.${year}`, ...counts },
      },
      `sla-digest-${date}`,
    );
  });
  await deps.afterCommit(effects);
  return counts;
}

export async function digestCounts(deps: Pick<SlaDeps, "db">, now: Date): Promise<DigestCounts> {
  const day = { gte: new Date(now.getTime() - 24 * HOUR), lt: now };
  const running = {
    status: { in: ["new" as const, "waiting_agent" as const, "on_hold" as const] },
  };
  const [opened, resolved, breached, atRisk, overdue, open] = await Promise.all([
    deps.db.ticket.count({ where: { createdAt: day } }),
    deps.db.ticket.count({ where: { resolvedAt: day } }),
    deps.db.slaEvent.findMany({
      where: { kind: "breach", at: day },
      distinct: ["ticketId"],
      select: { ticketId: true },
    }),
    deps.db.ticket.count({
      where: {
        ...running,
        responseDueAt: { gte: now, lt: new Date(now.getTime() + AT_RISK_HOURS * HOUR) },
      },
    }),
    deps.db.ticket.count({ where: { ...running, responseDueAt: { lt: now } } }),
    deps.db.ticket.count({ where: { status: { in: [...openStatuses] } } }),
  ]);
  return { opened, resolved, breached: breached.length, atRisk, overdue, open };
}
