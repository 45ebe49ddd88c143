import { z } from "zod";
import { type Db, Prisma } from "../db/index.js";
import type { Clock } from "../shared/index.js";
import { type TicketRow, ticketRowsByIds } from "./ticket-rows.js";

const openStatuses = ["new", "waiting_agent", "waiting_parent", "on_hold"] as const;
const allStatuses = [...openStatuses, "resolved", "closed"] as const;

/**
 * Where the next page starts: the last row's due time (epoch ms, or "none" when it owes no
 * reply) and id, as "1733140800000_123" (keyset pagination: no page reads the rows before it).
 */
const cursorSchema = z
  .string()
  .regex(/^(?:\d{1,15}|none)_\d{1,10}$/)
  .transform((value) => {
    const [due = "", id = ""] = value.split("_");
    return { dueAt: due === "none" ? null : new Date(Number(due)), id: Number(id) };
  });
export type QueueCursor = z.infer<typeof cursorSchema>;

/** The queue's filters, as the console's form sends them (every field optional). */
export const queueFilterSchema = z.object({
  status: z.enum([...allStatuses, "open", "all"]).default("open"),
  category: z.enum(["site", "booking", "other"]).optional().catch(undefined),
  municipality: z.coerce.number().int().positive().optional().catch(undefined),
  /** "me", "none", or an agent id. */
  assignee: z
    .union([z.enum(["me", "none"]), z.coerce.number().int().positive()])
    .optional()
    .catch(undefined),
  /** Time left until the reply is due: overdue, under 1 h, under 4 h, under 24 h. */
  sla: z.enum(["overdue", "1h", "4h", "24h"]).optional().catch(undefined),
  /** Absent on the first page; a stale or mangled cursor shows the first page. */
  after: cursorSchema.optional().catch(undefined),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const QUEUE_PAGE_SIZE = 50;
/** Counting stops here: the queue says "more than 1,000" instead of counting every ticket. */
export const QUEUE_COUNT_LIMIT = 1_000;

const slaHours = { overdue: 0, "1h": 1, "4h": 4, "24h": 24 } as const;

export interface QueuePage {
  rows: TicketRow[];
  /** Matching tickets, exact up to QUEUE_COUNT_LIMIT. */
  count: number;
  /** More than QUEUE_COUNT_LIMIT match. */
  countCapped: boolean;
  /** The cursor of the next page, when there is one. */
  next: string | null;
}

export function cursorOf(row: { dueAt: Date | null; id: number }): string {
  return `${row.dueAt ? row.dueAt.getTime() : "none"}_${row.id}`;
}

/**
 * The console's queue: tickets by the filters, the most urgent reply first (tickets owing
 * no reply last, newest first among equals), a page of 50 after the cursor.
 *
 * The order is the one of the indexes "Ticket_queue_idx" and "Ticket_open_queue_idx"
 * (responseDueAt ascending with nulls last, then id descending), so a page is read from
 * the index where the cursor points, whatever the page's depth. Because the two parts of
 * that order (due times, then no due time) need different conditions to start at the
 * cursor, they are read one after the other.
 */
export async function listQueue(
  deps: { db: Db; clock: Clock },
  filter: QueueFilter,
  viewerAgentId: number,
): Promise<QueuePage> {
  const where = queueWhere(filter, viewerAgentId, deps.clock.now());
  // The count is ordered like the page only so that it, too, reads the queue's index
  // (open tickets sit at the table's end: an unordered scan would pass every closed one).
  const [ids, counted] = await Promise.all([
    pageIds(deps.db, where, filter.after),
    deps.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM "Ticket" WHERE ${where}
         ORDER BY "responseDueAt" ASC, id DESC LIMIT ${QUEUE_COUNT_LIMIT + 1}) capped`,
  ]);
  const page = ids.slice(0, QUEUE_PAGE_SIZE);
  const rows = await ticketRowsByIds(
    deps.db,
    page.map((r) => r.id),
  );
  const n = counted[0]?.n ?? 0;
  const last = page.at(-1);
  return {
    rows,
    count: Math.min(n, QUEUE_COUNT_LIMIT),
    countCapped: n > QUEUE_COUNT_LIMIT,
    next: ids.length > QUEUE_PAGE_SIZE && last ? cursorOf({ dueAt: last.due, id: last.id }) : null,
  };
}

type IdRow = { id: number; due: Date | null };

/** One row more than a page: whether a next page exists, without counting. */
async function pageIds(db: Db, where: Prisma.Sql, after?: QueueCursor): Promise<IdRow[]> {
  const limit = QUEUE_PAGE_SIZE + 1;
  const rows: IdRow[] = [];
  if (!after || after.dueAt) {
    const start = after?.dueAt
      ? Prisma.sql`AND "responseDueAt" >= ${after.dueAt}::timestamp
                   AND ("responseDueAt" > ${after.dueAt}::timestamp OR id < ${after.id})`
      : Prisma.empty;
    rows.push(
      ...(await db.$queryRaw<IdRow[]>`
        SELECT id, "responseDueAt" AS due FROM "Ticket"
         WHERE ${where} AND "responseDueAt" IS NOT NULL ${start}
         ORDER BY "responseDueAt" ASC, id DESC LIMIT ${limit}`),
    );
  }
  if (rows.length < limit) {
    const start = after && !after.dueAt ? Prisma.sql`AND id < ${after.id}` : Prisma.empty;
    rows.push(
      ...(await db.$queryRaw<IdRow[]>`
        SELECT id, "responseDueAt" AS due FROM "Ticket"
         WHERE ${where} AND "responseDueAt" IS NULL ${start}
         ORDER BY id DESC LIMIT ${limit - rows.length}`),
    );
  }
  return rows;
}

/**
 * The filters as SQL. "open" is spelled as the open-queue index's predicate (constants,
 * not parameters) so PostgreSQL can prove the index applies.
 */
function queueWhere(filter: QueueFilter, viewerAgentId: number, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.status === "open")
    parts.push(Prisma.sql`status IN ('new', 'waiting_agent', 'waiting_parent', 'on_hold')`);
  else if (filter.status !== "all")
    parts.push(Prisma.sql`status = ${filter.status}::"TicketStatus"`);
  if (filter.category) parts.push(Prisma.sql`category = ${filter.category}::"TicketCategory"`);
  if (filter.municipality) parts.push(Prisma.sql`"municipalityId" = ${filter.municipality}`);
  if (filter.assignee === "me") parts.push(Prisma.sql`"assigneeId" = ${viewerAgentId}`);
  else if (filter.assignee === "none") parts.push(Prisma.sql`"assigneeId" IS NULL`);
  else if (filter.assignee !== undefined) parts.push(Prisma.sql`"assigneeId" = ${filter.assignee}`);
  if (filter.sla)
    parts.push(
      Prisma.sql`"responseDueAt" < ${new Date(now.getTime() + slaHours[filter.sla] * 3_600_000)}::timestamp`,
    );
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
