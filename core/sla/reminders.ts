import { asLocale } from "../contacts/index.js";
import type { Ticket, Tx } from "../db/index.js";
import { formatDuration } from "../i18n/index.js";
import { type Effects, notifyStaff, sendToParent } from "../intake/index.js";
import { HOUR } from "../shared/index.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import type { SlaDeps } from "./sla-deps.js";
import { type SlaTimer, timerKey } from "./timer-plan.js";

type ReminderDeps = Pick<SlaDeps, "i18n" | "settings" | "policy">;

/** The parent has not answered the agent for a while: one polite reminder. */
export async function remindParent(
  tx: Tx,
  deps: ReminderDeps,
  effects: Effects,
  ticket: Ticket,
  timer: SlaTimer,
): Promise<Record<string, string>> {
  const args = { after: formatDuration(deps.settings.waitingParentReminderHours * HOUR, "ru") };
  await tellParentAndStaff(tx, deps, effects, ticket, timer, {
    parentKey: "sla-waiting-reminder",
    staffKey: "relay-sla-reminder-sent",
    staffArgs: args,
  });
  return args;
}

/**
 * The parent did not answer within the auto-close time: the ticket is closed, the parent
 * is told how to come back, and the topic says why it closed.
 */
export async function autoCloseTicket(
  tx: Tx,
  deps: ReminderDeps,
  effects: Effects,
  ticket: Ticket,
  timer: SlaTimer,
  now: Date,
): Promise<Record<string, string>> {
  await closeBySla(tx, deps, ticket, now, "auto_close");
  const args = { after: formatDuration(deps.settings.autoCloseHours * HOUR, "ru") };
  await tellParentAndStaff(tx, deps, effects, ticket, timer, {
    parentKey: "sla-auto-closed-parent",
    staffKey: "relay-sla-auto-closed",
    staffArgs: args,
  });
  await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  return args;
}

/**
 * The reopen window of a resolved ticket has passed: it becomes `closed` (final; a new
 * message opens a new ticket). The parent heard "solved" already, so only the topic
 * follows (🔒).
 */
export async function archiveResolvedTicket(
  tx: Tx,
  deps: ReminderDeps,
  effects: Effects,
  ticket: Ticket,
  now: Date,
): Promise<Record<string, string>> {
  await closeBySla(tx, deps, ticket, now, "archive");
  await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  return { after: formatDuration(deps.settings.reopenWindowHours * HOUR, "ru") };
}

/** The SLA engine closes a ticket for good, audited under its own action name. */
async function closeBySla(
  tx: Tx,
  deps: ReminderDeps,
  ticket: Ticket,
  now: Date,
  action: "auto_close" | "archive",
): Promise<void> {
  await applyTicketEvent(tx, ticket.id, "close", {
    now,
    policy: deps.policy,
    reopenWindowHours: deps.settings.reopenWindowHours,
  });
  await tx.auditLog.create({ data: { actor: "system:sla", action, ticketId: ticket.id, at: now } });
}

/**
 * One line to the parent about the ticket and one notice in its topic, each with a dedupe
 * key of the timer, so a timer that fires twice writes neither twice.
 */
async function tellParentAndStaff(
  tx: Tx,
  deps: ReminderDeps,
  effects: Effects,
  ticket: Ticket,
  timer: SlaTimer,
  texts: { parentKey: string; staffKey: string; staffArgs: Record<string, string> },
): Promise<void> {
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
  const text = deps.i18n.t(asLocale(contact.locale), texts.parentKey, {
    number: String(ticket.number),
  });
  const key = timerKey(timer);
  await sendToParent(
    tx,
    effects,
    contact,
    { type: "text", text },
    { ticketId: ticket.id, dedupeKey: `sla-${ticket.id}-${key}-parent` },
  );
  await notifyStaff(
    tx,
    effects,
    deps.settings,
    { op: "notice", ticketId: ticket.id, key: texts.staffKey, args: texts.staffArgs },
    `sla-${ticket.id}-${key}-notice`,
  );
}
