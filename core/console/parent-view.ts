import type { Db } from "../db/index.js";
import { CoreError } from "../shared/index.js";
import { type TicketRow, ticketRowSelect, toTicketRow } from "./ticket-rows.js";

/**
 * A parent and every ticket of theirs. Telegram and VK accounts are separate contacts;
 * the accounts on the other channel with the same name are listed with their tickets as
 * "probably the same parent", for the agent to judge.
 */
export async function parentView(
  db: Db,
  contactId: number,
): Promise<{
  contact: { id: number; name: string; channel: string; municipality: string | null };
  tickets: TicketRow[];
  sameName: { id: number; channel: string; tickets: TicketRow[] }[];
}> {
  const contact = await db.contact.findUnique({
    where: { id: contactId },
    include: { municipality: true },
  });
  if (!contact) throw new CoreError("CONTACT_NOT_FOUND", `No parent with id ${contactId}.`);
  const ticketsOf = async (id: number) =>
    (
      await db.ticket.findMany({
        where: { contactId: id },
        orderBy: { createdAt: "desc" },
        take: 200,
        select: ticketRowSelect,
      })
    ).map(toTicketRow);
  const others = contact.displayName
    ? await db.contact.findMany({
        where: {
          displayName: contact.displayName,
          channel: { not: contact.channel },
        },
        take: 5,
      })
    : [];
  return {
    contact: {
      id: contact.id,
      name: contact.displayName || (contact.username ? `@${contact.username}` : ""),
      channel: contact.channel,
      municipality: contact.municipality?.name ?? null,
    },
    tickets: await ticketsOf(contact.id),
    sameName: await Promise.all(
      others.map(async (o) => ({ id: o.id, channel: o.channel, tickets: await ticketsOf(o.id) })),
    ),
  };
}
