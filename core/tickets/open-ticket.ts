import type { Ticket, Tx } from "../db/index.js";
import { policyForLine, type SlaPolicy, responseDue } from "../sla/sla-policy.js";

export type TicketCategory = "site" | "booking" | "other";

export interface OpenTicketInput {
  contactId: number;
  category: TicketCategory;
  municipalityId: number | null;
  subject: string;
  faqOffered?: string[];
  now: Date;
}

/**
 * Inserts a new ticket (its number from the column's sequence) and its response deadline. The partial
 * unique index refuses a second open ticket of the same contact and category, so a
 * concurrent duplicate fails here instead of slipping through.
 */
export async function openTicket(
  tx: Tx,
  input: OpenTicketInput,
  policy: SlaPolicy,
): Promise<Ticket> {
  const due = responseDue(policyForLine(policy, input.category), input.now);
  return tx.ticket.create({
    data: {
      contactId: input.contactId,
      category: input.category,
      municipalityId: input.municipalityId,
      subject: input.subject.slice(0, 200),
      faqOffered: input.faqOffered ?? [],
      createdAt: input.now,
      firstResponseDueAt: due,
      responseDueAt: due,
      lastParentAt: input.now,
    },
  });
}
