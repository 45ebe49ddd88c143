import { asLocale } from "../contacts/contact-locale.js";
import type { Contact, Ticket, Tx } from "../db/index.js";
import { MINUTE } from "../shared/index.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { storeParentMessage, type ParentWords } from "./store-parent-message.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/** Telegram shows a reaction without a new message: the lightest possible "heard you". */
export const ACK_REACTION = "👀";

/**
 * A parent's follow-up on an open ticket: stored, shown to the staff, acknowledged
 * lightly (never a wall of repeats): a reaction where the channel has them, otherwise
 * one short line at most every few minutes; an album is acknowledged once.
 */
export async function appendToTicket(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticket: Ticket,
  message: ParentWords,
): Promise<void> {
  const now = deps.clock.now();
  const albumSeen = message.mediaGroupId
    ? (await tx.message.count({
        where: { ticketId: ticket.id, mediaGroupId: message.mediaGroupId },
      })) > 0
    : false;
  const stored = await storeParentMessage(tx, ticket.id, contact, message, now);
  await applyTicketEvent(tx, ticket.id, "parent_message", {
    now,
    policy: deps.policy,
    reopenWindowHours: deps.settings.reopenWindowHours,
  });
  effects.ticketIds.push(ticket.id);
  await notifyStaff(tx, effects, deps.settings, {
    op: "parent_message",
    ticketId: ticket.id,
    messageId: stored.id,
  });
  if (!albumSeen) await acknowledge(tx, deps, effects, contact, ticket, message, now);
}

async function acknowledge(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticket: Ticket,
  message: ParentWords,
  now: Date,
): Promise<void> {
  if (contact.channel === "telegram" && message.externalMessageId) {
    await sendToParent(tx, effects, contact, {
      type: "reaction",
      messageId: message.externalMessageId,
      emoji: ACK_REACTION,
    });
    return;
  }
  const quiet =
    contact.lastAckAt &&
    now.getTime() - contact.lastAckAt.getTime() < deps.settings.ackIntervalMinutes * MINUTE;
  if (quiet) return;
  await tx.contact.update({ where: { id: contact.id }, data: { lastAckAt: now } });
  const text = deps.i18n.t(asLocale(contact.locale), "followup-ack", { number: ticket.number });
  await sendToParent(tx, effects, contact, { type: "text", text }, { ticketId: ticket.id });
}
