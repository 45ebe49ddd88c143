import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Ticket, Tx } from "../db/index.js";
import { formatDueTime } from "../i18n/index.js";
import type { Button } from "../outbound/outbound-message.js";
import { HOUR } from "../shared/index.js";
import { isOpen } from "../tickets/ticket-state.js";
import { contactTimeZone } from "./contact-time-zone.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { encodeAction } from "./parent-actions.js";
import { sendToParent } from "./parent-channel.js";

const RECENT_LIMIT = 5;

/**
 * "Мои обращения": open and recent tickets with number, topic, state and due time; a
 * resolved ticket still inside the reopen window gets a one-tap "reopen" button.
 */
export async function listParentTickets(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
): Promise<void> {
  const locale = asLocale(contact.locale);
  const tickets = await tx.ticket.findMany({
    where: { contactId: contact.id },
    orderBy: { createdAt: "desc" },
    take: RECENT_LIMIT,
  });
  if (tickets.length === 0) {
    await sendToParent(tx, effects, contact, {
      type: "text",
      text: deps.i18n.t(locale, "my-tickets-none"),
    });
    return;
  }
  const zone = await contactTimeZone(tx, contact, deps.settings.defaultTimeZone);
  const now = deps.clock.now();
  const openCount = tickets.filter((t) => isOpen(t.status)).length;
  const lines = [deps.i18n.t(locale, "my-tickets-header", { count: openCount })];
  const buttons: Button[][] = [];
  for (const ticket of tickets) {
    const due =
      ticket.responseDueAt && isOpen(ticket.status)
        ? formatDueTime(ticket.responseDueAt, locale, zone, now)
        : "";
    lines.push(
      deps.i18n.t(locale, due ? "my-ticket-line-due" : "my-ticket-line", {
        number: ticket.number,
        category: deps.i18n.t(locale, `category-${ticket.category}`),
        status: deps.i18n.t(locale, `ticket-status-${ticket.status}`),
        due,
      }),
    );
    if (canReopen(ticket, now, deps.settings.reopenWindowHours)) {
      buttons.push([
        {
          label: deps.i18n.t(locale, "reopen-button", { number: ticket.number }),
          action: encodeAction({ kind: "reopen", ticketId: ticket.id }),
        },
      ]);
    }
  }
  await sendToParent(tx, effects, contact, {
    type: "text",
    text: lines.join("\n"),
    buttons: buttons.length > 0 ? buttons : undefined,
  });
}

function canReopen(ticket: Ticket, now: Date, windowHours: number): boolean {
  return (
    ticket.status === "resolved" &&
    ticket.resolvedAt !== null &&
    now.getTime() - ticket.resolvedAt.getTime() <= windowHours * HOUR
  );
}
