import { asLocale } from "../contacts/contact-locale.js";
import { type Contact, isUniqueViolation, type Tx } from "../db/index.js";
import { isCoreError } from "../shared/index.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import type { ActionReply } from "./parent-action-input.js";
import { sendToParent } from "./parent-channel.js";
import { tellParentReopened } from "./parent-due-text.js";
import { notifyStaff } from "./staff-feed.js";

/** "Возобновить": a resolved ticket goes back to the agents within the reopen window. */
export async function reopenByParent(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  ticketId: number,
): Promise<ActionReply> {
  const locale = asLocale(contact.locale);
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket || ticket.contactId !== contact.id)
    return { outcome: "stale", toast: deps.i18n.t(locale, "action-stale") };
  await tx.$executeRaw`SAVEPOINT reopen`;
  try {
    const { after } = await applyTicketEvent(tx, ticket.id, "reopen", {
      now: deps.clock.now(),
      policy: deps.policy,
      reopenWindowHours: deps.settings.reopenWindowHours,
    });
    effects.ticketIds.push(after.id);
    await tellParentReopened(tx, deps, effects, contact, after);
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: after.id,
      key: "relay-notice-reopened-by-parent",
      args: {},
    });
    return { outcome: "reopened", removeButtons: true };
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT reopen`;
    if (isCoreError(error, "REOPEN_WINDOW_PASSED") || isCoreError(error, "ILLEGAL_TRANSITION")) {
      const key =
        ticket.status === "resolved" || ticket.status === "closed"
          ? "reopen-too-late"
          : "reopen-already-open";
      await sendToParent(tx, effects, contact, {
        type: "text",
        text: deps.i18n.t(locale, key, { number: ticket.number }),
      });
      return { outcome: "reopen_refused", removeButtons: true };
    }
    if (isUniqueViolation(error)) {
      await sendToParent(tx, effects, contact, {
        type: "text",
        text: deps.i18n.t(locale, "category-already-open"),
      });
      return { outcome: "reopen_refused", removeButtons: true };
    }
    throw error;
  }
}
