import { asLocale } from "../contacts/contact-locale.js";
import { notifyStaff, sendToParent } from "../intake/index.js";
import { openStatuses } from "../tickets/ticket-state.js";
import { type IncidentActor, type IncidentDeps, runIncidentAction } from "./incident-action.js";
import { linkTicket } from "./link-ticket.js";

/**
 * `/link [N]` in a ticket's topic: the ticket waits for incident N (the only open one when
 * no number is given); its parent is told the notice now and the resolution later.
 */
export function linkToIncident(
  deps: IncidentDeps,
  input: IncidentActor & { ticketId: number; incidentId?: number },
) {
  return runIncidentAction(
    deps,
    input,
    { action: "incident_linked", supervisorsOnly: false },
    async ({ tx, effects, audit }) => {
      const open = await tx.incident.findMany({
        where: { status: "open", ...(input.incidentId ? { id: input.incidentId } : {}) },
      });
      const [incident] = open;
      if (!incident || open.length > 1)
        return { refuse: open.length > 1 ? "incident-link-which" : "incident-none-open" };
      const ticket = await tx.ticket.findUniqueOrThrow({
        where: { id: input.ticketId },
        include: { contact: true },
      });
      if (!(openStatuses as readonly string[]).includes(ticket.status))
        return { refuse: "incident-link-not-open", args: { number: ticket.number } };
      audit.ticketId = ticket.id;
      audit.details = { incidentId: incident.id };
      const linked = await linkTicket(tx, deps, effects, incident.id, ticket.id);
      if (linked) {
        const text = deps.i18n.t(asLocale(ticket.contact.locale), "incident-parent-notice", {
          notice: incident.notice,
        });
        await sendToParent(
          tx,
          effects,
          ticket.contact,
          { type: "text", text },
          { ticketId: ticket.id },
        );
      }
      await notifyStaff(tx, effects, deps.settings, {
        op: "notice",
        ticketId: ticket.id,
        key: "incident-linked-staff",
        args: { id: incident.id },
      });
      return { incidentId: incident.id, linked };
    },
  );
}

/**
 * `/topic [number]` while an incident is open: the ticket (or the longest-waiting linked
 * one without a place) gets its own topic with the card and the parent's messages.
 */
export function openIncidentTopic(deps: IncidentDeps, input: IncidentActor & { number?: number }) {
  return runIncidentAction(
    deps,
    input,
    { action: "incident_topic", supervisorsOnly: false },
    async ({ tx, effects, audit }) => {
      const ticket =
        input.number !== undefined
          ? await tx.ticket.findUnique({ where: { number: input.number } })
          : await tx.ticket.findFirst({
              where: {
                relayCardMessageId: null,
                status: { in: [...openStatuses] },
                incidentLinks: { some: { topicWanted: false, incident: { status: "open" } } },
              },
              orderBy: { id: "asc" },
            });
      if (!ticket) return { refuse: "incident-topic-none" };
      audit.ticketId = ticket.id;
      await tx.incidentLink.updateMany({
        where: { ticketId: ticket.id },
        data: { topicWanted: true },
      });
      await notifyStaff(tx, effects, deps.settings, { op: "open_topic", ticketId: ticket.id });
      // Messages the card does not quote follow it (the relay skips those already shown).
      const unshown = await tx.message.findMany({
        where: { ticketId: ticket.id, direction: "in", relayMessageId: null },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      for (const message of unshown)
        await notifyStaff(tx, effects, deps.settings, {
          op: "parent_message",
          ticketId: ticket.id,
          messageId: message.id,
        });
      return { ticketId: ticket.id };
    },
  );
}
