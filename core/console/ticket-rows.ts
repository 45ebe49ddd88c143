import type { Prisma } from "../db/index.js";

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
