import type { Db, Prisma } from "../db/index.js";

/** A ticket as the console's lists show it (queue, search, a parent's tickets). */
export interface TicketRow {
  id: number;
  number: number;
  status: string;
  category: string;
  subject: string;
  municipality: string | null;
  parent: string;
  contactId: number;
  channel: string;
  assignee: string | null;
  dueAt: Date | null;
  createdAt: Date;
}

export const ticketRowSelect = {
  id: true,
  number: true,
  status: true,
  category: true,
  subject: true,
  responseDueAt: true,
  createdAt: true,
  contactId: true,
  municipality: { select: { name: true } },
  contact: { select: { displayName: true, username: true, channel: true } },
  assignee: { select: { displayName: true } },
} satisfies Prisma.TicketSelect;

type Selected = Prisma.TicketGetPayload<{ select: typeof ticketRowSelect }>;

export function toTicketRow(t: Selected): TicketRow {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    category: t.category,
    subject: t.subject,
    municipality: t.municipality?.name ?? null,
    parent: t.contact.displayName || (t.contact.username ? `@${t.contact.username}` : ""),
    contactId: t.contactId,
    channel: t.contact.channel,
    assignee: t.assignee?.displayName ?? null,
    dueAt: t.responseDueAt,
    createdAt: t.createdAt,
  };
}

/**
 * The rows of these tickets, in the order of `ids`, in one query (the lists join four
 * tables; Prisma's relation loading would take a round trip for each).
 */
export async function ticketRowsByIds(db: Db, ids: readonly number[]): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<
    (Omit<TicketRow, "parent"> & { displayName: string; username: string | null })[]
  >`
    SELECT t.id, t.number, t.status::text AS status, t.category::text AS category, t.subject,
           m.name AS municipality, t."contactId", c."displayName", c.username,
           c.channel::text AS channel, a."displayName" AS assignee,
           t."responseDueAt" AS "dueAt", t."createdAt"
      FROM "Ticket" t
      JOIN "Contact" c ON c.id = t."contactId"
      LEFT JOIN "Municipality" m ON m.id = t."municipalityId"
      LEFT JOIN "Agent" a ON a.id = t."assigneeId"
     WHERE t.id = ANY(${ids}::int[])`;
  const byId = new Map(
    rows.map(({ displayName, username, ...row }) => [
      row.id,
      { ...row, parent: displayName || (username ? `@${username}` : "") },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
