import type { Db } from "../db/index.js";

/** What the report needs of a ticket. */
export interface ReportTicket {
  category: string;
  municipality: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date;
  resolvedAt: Date | null;
  rating: number | null;
  /** Solved by the parent with an offered FAQ answer. */
  selfServedSlug: string | null;
  /** The deadline a supervisor set; the ticket is still measured against its first promise. */
  deadlineMovedTo: Date | null;
}

/** One line of the SLA report: all tickets, or one category, or one municipality. */
export interface ReportRow {
  scope: "all" | "category" | "municipality";
  name: string;
  tickets: number;
  /** Answered within the promise (first response at or before the first-response due time). */
  met: number;
  /** Answered late, or still unanswered after the due time. */
  missed: number;
  /** Unanswered and not yet due. */
  pending: number;
  /** Tickets whose deadline a supervisor moved (counted above against the original one). */
  moved: number;
  /** met / (met + missed); null when nothing is decided yet. */
  metShare: number | null;
  medianFirstResponseMs: number | null;
  p90FirstResponseMs: number | null;
  rated: number;
  csatAverage: number | null;
  /** Share of ratings 4 and 5. */
  csatHighShare: number | null;
  /** Tickets the parent solved with an FAQ answer offered when the ticket opened. */
  selfService: number;
}

/** The SLA report of the tickets created in [from, to). */
export async function buildSlaReport(
  db: Db,
  range: { from: Date; to: Date },
  now: Date,
): Promise<ReportRow[]> {
  const rows = await db.ticket.findMany({
    where: { createdAt: { gte: range.from, lt: range.to } },
    select: {
      category: true,
      createdAt: true,
      firstResponseAt: true,
      firstResponseDueAt: true,
      resolvedAt: true,
      rating: true,
      selfServedSlug: true,
      deadlineMovedTo: true,
      municipality: { select: { name: true } },
    },
  });
  return summarizeTickets(
    rows.map((r) => ({ ...r, municipality: r.municipality?.name ?? null })),
    now,
  );
}

/** A ticket whose deadline a supervisor moved, listed apart under the report. */
export interface MovedDeadline {
  number: number;
  firstResponseDueAt: Date;
  deadlineMovedTo: Date;
  firstResponseAt: Date | null;
}

/** The tickets created in [from, to) whose deadline was moved with /deadline, by number. */
export async function listMovedDeadlines(
  db: Db,
  range: { from: Date; to: Date },
): Promise<MovedDeadline[]> {
  const rows = await db.ticket.findMany({
    where: { createdAt: { gte: range.from, lt: range.to }, deadlineMovedTo: { not: null } },
    select: {
      number: true,
      firstResponseDueAt: true,
      deadlineMovedTo: true,
      firstResponseAt: true,
    },
    orderBy: { number: "asc" },
  });
  return rows.flatMap((r) =>
    r.deadlineMovedTo ? [{ ...r, deadlineMovedTo: r.deadlineMovedTo }] : [],
  );
}

/** Groups the tickets: the total first, then each category, then each municipality. */
export function summarizeTickets(tickets: readonly ReportTicket[], now: Date): ReportRow[] {
  const groups = (key: (t: ReportTicket) => string) => {
    const map = new Map<string, ReportTicket[]>();
    for (const t of tickets) {
      const list = map.get(key(t));
      if (list) list.push(t);
      else map.set(key(t), [t]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b, "ru"));
  };
  return [
    summarize("all", "all", tickets, now),
    ...groups((t) => t.category).map(([name, list]) => summarize("category", name, list, now)),
    ...groups((t) => t.municipality ?? "—").map(([name, list]) =>
      summarize("municipality", name, list, now),
    ),
  ];
}

/**
 * When the parent got the first answer. A ticket solved without a separate reply counts
 * as answered when it was solved: the parent is told at once (seed rule 4).
 */
export function answeredAt(ticket: ReportTicket): Date | null {
  return ticket.firstResponseAt ?? ticket.resolvedAt;
}

function summarize(
  scope: ReportRow["scope"],
  name: string,
  tickets: readonly ReportTicket[],
  now: Date,
): ReportRow {
  let met = 0;
  let missed = 0;
  let pending = 0;
  const times: number[] = [];
  for (const t of tickets) {
    const answer = answeredAt(t);
    const due = t.firstResponseDueAt.getTime();
    if (answer) times.push(answer.getTime() - t.createdAt.getTime());
    if (answer && answer.getTime() <= due) met++;
    else if (answer || now.getTime() > due) missed++;
    else pending++;
  }
  times.sort((a, b) => a - b);
  const ratings = tickets.flatMap((t) => (t.rating === null ? [] : [t.rating]));
  return {
    scope,
    name,
    tickets: tickets.length,
    met,
    missed,
    pending,
    moved: tickets.filter((t) => t.deadlineMovedTo !== null).length,
    metShare: met + missed > 0 ? met / (met + missed) : null,
    medianFirstResponseMs: percentile(times, 50),
    p90FirstResponseMs: percentile(times, 90),
    rated: ratings.length,
    csatAverage: ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
    csatHighShare:
      ratings.length > 0 ? ratings.filter((r) => r >= 4).length / ratings.length : null,
    selfService: tickets.filter((t) => t.selfServedSlug !== null).length,
  };
}

/** Linear interpolation between closest ranks (the usual median of an even count). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}
