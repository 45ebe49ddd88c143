import { asLocale } from "../contacts/contact-locale.js";
import type { Tx } from "../db/index.js";
import {
  findOpenTicket,
  type IncidentIntake,
  type IntakeDeps,
  openParentTicket,
  sendToParent,
} from "../intake/index.js";
import type { IncidentBoard } from "./incident-board.js";
import { linkTicket } from "./link-ticket.js";

/**
 * A parent's message while an incident is open (on the message's line, when it has one):
 * the notice is queued first, so it is the first thing of the reply the parent reads;
 * then the usual routing answers (FAQ, new ticket, follow-up); then the message's ticket
 * is linked to the incident, opened for it when the FAQ answered, so the parent hears
 * when it is over. A parent whose ticket is linked already is not told the notice again.
 */
export function incidentIntake(deps: IntakeDeps, board: IncidentBoard): IncidentIntake {
  return {
    anyOpen: () => board.anyOpen(),
    async receive(tx, effects, contact, message, route) {
      const open = await findOpenTicket(tx, contact.id);
      const line = deps.faq.inferCategory(message.text) ?? open?.category;
      const seen = board.openFor(line);
      if (!seen || !(await holdOpen(tx, seen.id))) return route();
      const linked =
        open !== null &&
        (await tx.incidentLink.count({ where: { incidentId: seen.id, ticketId: open.id } })) > 0;
      if (!linked) {
        const text = deps.i18n.t(asLocale(contact.locale), "incident-parent-notice", {
          notice: seen.notice,
        });
        await sendToParent(tx, effects, contact, { type: "text", text });
      }
      const result = await route();
      if (result.outcome === "duplicate" || result.outcome === "municipality_set") return result;
      let ticketId = result.ticketId;
      if (ticketId === undefined) {
        // The FAQ answered (or it was small talk): a ticket still waits for the incident's end.
        const ticket = await openParentTicket(tx, deps, effects, contact, message, {
          category: line ?? seen.line ?? undefined,
        });
        ticketId = ticket.id;
      }
      await linkTicket(tx, deps, effects, seen.id, ticketId);
      return { ...result, ticketId };
    },
  };
}

/**
 * Confirms the incident is still open and keeps it so until this transaction ends: a
 * resolution waits for the share lock, then finds this message's link and resolves it too.
 */
async function holdOpen(tx: Tx, incidentId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Incident" WHERE "id" = ${incidentId} AND "status" = 'open' FOR SHARE`;
  return rows.length > 0;
}
