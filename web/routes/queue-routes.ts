import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  listQueue,
  parentView,
  parseSearchQuery,
  queueFilterSchema,
  SEARCH_LIMIT,
  searchTickets,
} from "../../core/console/index.js";
import type { ConsoleDeps } from "../console-deps.js";
import { html } from "../html.js";
import { layout, pageContext, sendPage } from "../page.js";
import { queueFilters, queueTable } from "../views/queue-view.js";
import { ticketTable } from "../views/ticket-table.js";

/** The queue (with filters and live refresh), search, and a parent's tickets. */
export function queueRoutes(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    app.get("/queue", async (request, reply) => {
      const agent = request.consoleAgent!;
      const filter = queueFilterSchema.parse(request.query);
      const page = await listQueue(deps.staff, filter, agent.id);
      const c = pageContext(deps, request, reply);
      const query = new URLSearchParams(request.query as Record<string, string>);
      // htmx asks for the table alone every few seconds; without JavaScript the page is whole.
      if (request.headers["hx-request"] === "true")
        return sendPage(reply, queueTable(c, page, query));
      const municipalities = await deps.staff.db.municipality.findMany({
        orderBy: { name: "asc" },
      });
      const agents = await deps.staff.db.agent.findMany({
        where: { active: true },
        orderBy: { displayName: "asc" },
      });
      return sendPage(
        reply,
        layout(
          c,
          c.t("queue-title"),
          html`${queueFilters(c, filter, municipalities, agents)} ${queueTable(c, page, query)}`,
        ),
      );
    });

    app.get("/search", async (request, reply) => {
      const { q } = z.object({ q: z.string().max(200).default("") }).parse(request.query);
      const query = parseSearchQuery(q);
      const rows = await searchTickets(deps.staff.db, query);
      const c = pageContext(deps, request, reply);
      return sendPage(
        reply,
        layout(
          c,
          c.t("search-title"),
          html`<form method="get" action="/console/search" class="search">
              <input
                type="search"
                name="q"
                value="${q}"
                placeholder="${c.t("search-placeholder")}"
                autofocus
              />
              <button type="submit">${c.t("search-button")}</button>
            </form>
            ${
              query.kind === "empty"
                ? html`<p>${c.t("search-hint")}</p>`
                : html`<p>${c.t(`search-kind-${query.kind}`)}</p>
                    ${ticketTable(c, rows)}
                    ${
                      rows.length >= SEARCH_LIMIT
                        ? html`<p class="note">
                            ${c.t("search-limited", { count: SEARCH_LIMIT })}
                          </p>`
                        : ""
                    }`
            }`,
        ),
      );
    });

    app.get("/parents/:id", async (request, reply) => {
      const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(request.params);
      const view = await parentView(deps.staff.db, id);
      const c = pageContext(deps, request, reply);
      return sendPage(
        reply,
        layout(
          c,
          c.t("parent-title", { name: view.contact.name || "—" }),
          html`<p>
              ${c.raw(`relay-channel-${view.contact.channel}`)} ·
              ${view.contact.municipality ?? "—"}
            </p>
            ${ticketTable(c, view.tickets)}
            ${view.sameName.map(
              (o) =>
                html`<h2>
                    ${c.t("parent-same-name", { channel: c.raw(`relay-channel-${o.channel}`) })}
                  </h2>
                  ${ticketTable(c, o.tickets)}`,
            )}`,
        ),
      );
    });
  };
}
