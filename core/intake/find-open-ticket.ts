import type { Ticket, Tx } from "../db/index.js";
import { openStatuses } from "../tickets/ticket-state.js";

/** The parent's open ticket (the most recently active one, if several). */
export async function findOpenTicket(tx: Tx, contactId: number): Promise<Ticket | null> {
  return tx.ticket.findFirst({
    where: { contactId, status: { in: [...openStatuses] } },
    orderBy: { updatedAt: "desc" },
  });
}
