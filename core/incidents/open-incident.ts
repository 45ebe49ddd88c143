import type { TicketCategory } from "../db/index.js";
import { notifyStaff } from "../intake/index.js";
import { type IncidentActor, type IncidentDeps, runIncidentAction } from "./incident-action.js";
import { refreshSummary } from "./link-ticket.js";

/**
 * `/incident [line] <notice>`: an incident opens (one per line at a time). Its summary post
 * in the group, which acknowledges it with its number, is posted at once and kept up to
 * date while tickets join.
 */
export function openIncident(
  deps: IncidentDeps,
  input: IncidentActor & { line: TicketCategory | null; notice: string },
) {
  return runIncidentAction(
    deps,
    input,
    { action: "incident_opened", supervisorsOnly: true },
    async ({ tx, agent, effects, audit }) => {
      const notice = input.notice.trim().slice(0, 1000);
      const same = await tx.incident.findFirst({
        where: { status: "open", line: input.line },
        select: { id: true },
      });
      if (same) return { refuse: "incident-already-open", args: { id: same.id } };
      const incident = await tx.incident.create({
        data: { line: input.line, notice, openedById: agent.id, openedAt: deps.clock.now() },
      });
      audit.details = { incidentId: incident.id, line: input.line, notice };
      await refreshSummary(tx, deps, effects, incident.id, "now");
      return incident;
    },
  );
}

/** `/incident` alone: the open incidents with how many tickets wait for each. */
export function showIncidents(deps: IncidentDeps, input: IncidentActor) {
  return runIncidentAction(
    deps,
    input,
    { action: null, supervisorsOnly: false },
    async ({ tx, effects }) => {
      const open = await tx.incident.findMany({
        where: { status: "open" },
        orderBy: { id: "asc" },
        include: { _count: { select: { links: true } } },
      });
      if (open.length === 0) {
        await notifyStaff(tx, effects, deps.settings, {
          op: "general_text",
          key: "incident-none-open",
          args: {},
        });
        return open;
      }
      for (const incident of open)
        await notifyStaff(tx, effects, deps.settings, {
          op: "general_text",
          key: "incident-status",
          args: {
            id: incident.id,
            line: deps.i18n.t(
              "ru",
              incident.line ? `category-${incident.line}` : "incident-line-all",
            ),
            notice: incident.notice,
            count: incident._count.links,
          },
        });
      return open;
    },
  );
}
