import { asLocale } from "../contacts/contact-locale.js";
import { type Contact, isUniqueViolation, type Tx } from "../db/index.js";
import type { TicketCategory } from "../tickets/open-ticket.js";
import { isOpen } from "../tickets/ticket-state.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/** The parent's one-tap answer to "what is it about?": routes the ticket to the right queue. */
export async function setCategory(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticketId: number,
  category: TicketCategory,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket || ticket.contactId !== contact.id || !isOpen(ticket.status)) {
    return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale"), removeButtons: true };
  }
  if (ticket.category !== category) {
    const moved = await tx.$executeRaw`SAVEPOINT set_category`.then(async () => {
      try {
        await tx.ticket.update({ where: { id: ticket.id }, data: { category } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await tx.$executeRaw`ROLLBACK TO SAVEPOINT set_category`;
        return false;
      }
    });
    if (!moved)
      return {
        outcome: "category_taken",
        toast: deps.i18n.t(locale, "category-already-open"),
        removeButtons: true,
      };
    await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  }
  const label = deps.i18n.t(locale, `category-${category}`);
  await sendToParent(tx, effects, contact, {
    type: "text",
    text: deps.i18n.t(locale, "category-set", { number: ticket.number, category: label }),
  });
  return { outcome: "category_set", removeButtons: true };
}
