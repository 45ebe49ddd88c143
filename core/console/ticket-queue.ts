import { z } from "zod";
import type { Db, Prisma } from "../db/index.js";
import type { Clock } from "../shared/index.js";
import { type TicketRow, ticketRowSelect, toTicketRow } from "./ticket-rows.js";

const openStatuses = ["new", "waiting_agent", "waiting_parent", "on_hold"] as const;
const allStatuses = [...openStatuses, "resolved", "closed"] as const;

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
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const QUEUE_PAGE_SIZE = 50;

const slaHours = { overdue: 0, "1h": 1, "4h": 4, "24h": 24 } as const;

/**
 * The console's queue: tickets by the filters, the most urgent reply first (tickets
 * owing no reply last), a page of 50 and the total.
 */
export async function listQueue(
  deps: { db: Db; clock: Clock },
  filter: QueueFilter,
  viewerAgentId: number,
): Promise<{ rows: TicketRow[]; total: number }> {
  const where = queueWhere(filter, viewerAgentId, deps.clock.now());
  const [tickets, total] = await Promise.all([
    deps.db.ticket.findMany({
      where,
      orderBy: [{ responseDueAt: { sort: "asc", nulls: "last" } }, { id: "desc" }],
      skip: (filter.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: ticketRowSelect,
    }),
    deps.db.ticket.count({ where }),
  ]);
  return {
    total,
    rows: tickets.map(toTicketRow),
  };
}

function queueWhere(
  filter: QueueFilter,
  viewerAgentId: number,
  now: Date,
): Prisma.TicketWhereInput {
  const where: Prisma.TicketWhereInput = {};
  if (filter.status === "open") where.status = { in: [...openStatuses] };
  else if (filter.status !== "all") where.status = filter.status;
  if (filter.category) where.category = filter.category;
  if (filter.municipality) where.municipalityId = filter.municipality;
  if (filter.assignee === "me") where.assigneeId = viewerAgentId;
  else if (filter.assignee === "none") where.assigneeId = null;
  else if (filter.assignee !== undefined) where.assigneeId = filter.assignee;
  if (filter.sla)
    where.responseDueAt = { lt: new Date(now.getTime() + slaHours[filter.sla] * 3_600_000) };
  return where;
}
