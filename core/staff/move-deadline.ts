import { asLocale } from "../contacts/index.js";
import { formatDueTime } from "../i18n/index.js";
import { notifyStaff, parentDueText, sendToParent } from "../intake/index.js";
import { CoreError } from "../shared/index.js";
import { parseDeadlineArgs } from "../sla/deadline-args.js";
import { runStaffAction, type StaffActionInput } from "./run-staff-action.js";
import type { StaffDeps } from "./staff-deps.js";

/**
 * /deadline <time> <reason>: a supervisor gives the team more (or less) time for the reply
 * the parent waits for. The first-response promise on the ticket stays as it was (the SLA
 * report measures against it and lists moved tickets apart); the timers follow the new
 * deadline; the parent hears the new time politely; the move is audited with its reason.
 */
export function moveDeadline(
  deps: StaffDeps,
  input: StaffActionInput & {
    args: string;
    /** An administrator of the ticket's group (a line's supervisors are its admins too). */
    groupAdmin?: boolean;
  },
) {
  return runStaffAction(
    deps,
    input,
    "deadline_moved",
    async ({ tx, ticket, agent, effects, audit }) => {
      if (agent.role !== "supervisor" && agent.role !== "admin" && !input.groupAdmin)
        throw new CoreError("NOT_SUPERVISOR", "Only a supervisor may move a deadline.");
      if (!ticket.responseDueAt)
        throw new CoreError(
          "NO_RUNNING_DEADLINE",
          `Ticket №${ticket.number} owes no reply now (status "${ticket.status}").`,
        );
      const now = deps.clock.now();
      const parsed = parseDeadlineArgs(input.args, now, deps.settings.defaultTimeZone);
      if (!parsed.ok)
        throw new CoreError(parsed.code, "Usage: /deadline <+2ч | 18:00 | 03.12 18:00> <reason>");
      const after = await tx.ticket.update({
        where: { id: ticket.id },
        data: { responseDueAt: parsed.dueAt, deadlineMovedTo: parsed.dueAt },
      });
      audit.details = {
        from: ticket.responseDueAt.toISOString(),
        to: parsed.dueAt.toISOString(),
        reason: parsed.reason,
      };
      const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
      const text = deps.i18n.t(asLocale(contact.locale), "deadline-moved-parent", {
        number: ticket.number,
        due: await parentDueText(tx, deps, contact, parsed.dueAt),
      });
      await sendToParent(tx, effects, contact, { type: "text", text }, { ticketId: ticket.id });
      await notifyStaff(tx, effects, deps.settings, {
        op: "notice",
        ticketId: ticket.id,
        key: "relay-notice-deadline-moved",
        args: {
          name: agent.displayName,
          due: formatDueTime(parsed.dueAt, "ru", deps.settings.defaultTimeZone, now),
          reason: parsed.reason,
        },
      });
      await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
      return after;
    },
  );
}
