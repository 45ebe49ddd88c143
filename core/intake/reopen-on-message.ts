import { asLocale } from "../contacts/contact-locale.js";
import { type Contact, isUniqueViolation, type Ticket, type Tx } from "../db/index.js";
import { formatDueTime } from "../i18n/index.js";
import { HOUR } from "../shared/index.js";
import { addMessage } from "../tickets/add-message.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import { contactTimeZone } from "./contact-time-zone.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { FirstMessage } from "./open-parent-ticket.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/** The parent's most recently solved ticket, if it is still inside the reopen window. */
export async function recentlyResolved(
  tx: Tx,
  deps: IntakeDeps,
  contactId: number,
): Promise<Ticket | null> {
  const since = new Date(deps.clock.now().getTime() - deps.settings.reopenWindowHours * HOUR);
  return tx.ticket.findFirst({
    where: { contactId, status: "resolved", resolvedAt: { gte: since } },
    orderBy: { resolvedAt: "desc" },
  });
}

/**
 * A question the FAQ cannot answer, shortly after a ticket was solved, most likely says
 * "it still does not work": the ticket reopens with the message, and the agents who know
 * the case see it in the same topic.
 */
export async function reopenWithMessage(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticket: Ticket,
  message: FirstMessage,
): Promise<boolean> {
  const now = deps.clock.now();
  await tx.$executeRaw`SAVEPOINT reopen_on_message`;
  let after: Ticket;
  try {
    after = (
      await applyTicketEvent(tx, ticket.id, "reopen", {
        now,
        policy: deps.policy,
        reopenWindowHours: deps.settings.reopenWindowHours,
      })
    ).after;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT reopen_on_message`;
    return false;
  }
  const stored = await addMessage(tx, {
    ticketId: ticket.id,
    direction: "in",
    text: message.text,
    attachments: message.attachments,
    externalChatId: contact.externalId,
    externalMessageId: message.externalMessageId,
    mediaGroupId: message.mediaGroupId,
    at: now,
  });
  effects.ticketIds.push(ticket.id);
  const locale = asLocale(contact.locale);
  const zone = await contactTimeZone(tx, contact, deps.settings.defaultTimeZone);
  const due = formatDueTime(after.responseDueAt ?? after.firstResponseDueAt, locale, zone, now);
  await sendToParent(
    tx,
    effects,
    contact,
    { type: "text", text: deps.i18n.t(locale, "ticket-reopened", { number: after.number, due }) },
    { ticketId: ticket.id },
  );
  await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  await notifyStaff(tx, effects, deps.settings, {
    op: "notice",
    ticketId: ticket.id,
    key: "relay-notice-reopened-by-parent",
    args: {},
  });
  await notifyStaff(tx, effects, deps.settings, {
    op: "parent_message",
    ticketId: ticket.id,
    messageId: stored.id,
  });
  return true;
}
