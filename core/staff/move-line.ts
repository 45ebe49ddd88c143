import { z } from "zod";
import { asLocale } from "../contacts/index.js";
import { notifyStaff, parentDueText, sendToParent } from "../intake/index.js";
import { CoreError } from "../shared/index.js";
import { policyForLine, type SlaPolicy } from "../sla/sla-policy.js";
import type { TicketCategory } from "../tickets/open-ticket.js";
import { isOpen, openStatuses } from "../tickets/ticket-state.js";
import { runStaffAction, type StaffActionInput } from "./run-staff-action.js";
import type { StaffDeps } from "./staff-deps.js";

/** What agents may type after /line: the line's name in English or Russian. */
const lineNames: Record<string, TicketCategory> = {
  site: "site",
  navigator: "site",
  сайт: "site",
  навигатор: "site",
  booking: "booking",
  бронирование: "booking",
  бронь: "booking",
  other: "other",
  другое: "other",
  прочее: "other",
};

const lineArg = z
  .string()
  .trim()
  .toLowerCase()
  .transform((word) => lineNames[word.replace(/^«|»$/g, "")])
  .pipe(z.enum(["site", "booking", "other"]));

/**
 * The deadline of the reply owed, counted again by the new line's response time from the
 * moment the clock started; unchanged when both lines promise the same.
 */
export function dueOnLine(
  policy: SlaPolicy,
  due: Date,
  from: TicketCategory,
  to: TicketCategory,
): Date {
  const before = policyForLine(policy, from);
  const after = policyForLine(policy, to);
  if (before.responseMinutes === after.responseMinutes) return due;
  const started = before.addMinutes(due, -before.responseMinutes);
  return after.addMinutes(started, after.responseMinutes);
}

/**
 * /line booking: the ticket moves to another line. Its place follows: the new line's group
 * gets a topic with the card and the history (the relay renders them, masked), the old
 * topic a note and, when the group differs, it is closed. The deadline is counted again
 * by the new line's time; the parent hears only when it changes. Audited as
 * `ticket_line_moved`.
 */
export function moveTicketLine(deps: StaffDeps, input: StaffActionInput & { args: string }) {
  return runStaffAction(
    deps,
    input,
    "ticket_line_moved",
    async ({ tx, ticket, agent, effects, audit }) => {
      const parsed = lineArg.safeParse(input.args.split(/\s+/)[0] ?? "");
      if (!parsed.success)
        throw new CoreError("LINE_USAGE", "Usage: /line <site | booking | other>");
      const to = parsed.data;
      const from = ticket.category;
      if (!isOpen(ticket.status))
        throw new CoreError("ILLEGAL_TRANSITION", `Ticket №${ticket.number} is ${ticket.status}.`);
      if (to === from) throw new CoreError("LINE_SAME", `Ticket №${ticket.number} is on ${to}.`);
      const clash = await tx.ticket.findFirst({
        where: { contactId: ticket.contactId, category: to, status: { in: [...openStatuses] } },
      });
      if (clash)
        throw new CoreError(
          "LINE_HAS_OPEN_TICKET",
          `The parent already has open ticket №${clash.number} on ${to}.`,
        );
      const due = ticket.responseDueAt && dueOnLine(deps.policy, ticket.responseDueAt, from, to);
      const after = await tx.ticket.update({
        where: { id: ticket.id },
        data: { category: to, ...(due ? { responseDueAt: due } : {}) },
      });
      const groups = deps.staff.lineChatIds;
      audit.details = {
        from,
        to,
        fromChatId: ticket.relayChatId,
        toChatId: groups?.[to] ?? deps.staff.relayChatId,
        dueFrom: ticket.responseDueAt?.toISOString() ?? null,
        dueTo: after.responseDueAt?.toISOString() ?? null,
      };
      const t = (key: string) => deps.i18n.t("ru", key);
      if (ticket.relayChatId !== null) {
        await notifyStaff(tx, effects, deps.settings, {
          op: "line_moved",
          ticketId: ticket.id,
          fromChatId: ticket.relayChatId,
          fromThreadId: ticket.relayThreadId,
          fromCardMessageId: ticket.relayCardMessageId,
          from: t(`relay-category-${from}`),
          to: t(`relay-category-${to}`),
          toLine: to,
          by: agent.displayName,
        });
        await notifyStaff(tx, effects, deps.settings, {
          op: "line_history",
          ticketId: ticket.id,
          fromChatId: ticket.relayChatId,
          from: t(`relay-category-${from}`),
        });
      }
      await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
      if (due && ticket.responseDueAt && due.getTime() !== ticket.responseDueAt.getTime()) {
        const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
        const text = deps.i18n.t(asLocale(contact.locale), "line-moved-parent", {
          number: ticket.number,
          due: await parentDueText(tx, deps, contact, due),
        });
        await sendToParent(tx, effects, contact, { type: "text", text }, { ticketId: ticket.id });
      }
      return after;
    },
  );
}
