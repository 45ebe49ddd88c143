import { QUEUE_COUNT_LIMIT, type QueueFilter, type QueuePage } from "../../core/console/index.js";
import type { Agent, Municipality } from "../../core/db/index.js";
import { type Html, html } from "../html.js";
import type { PageContext } from "../page.js";
import { ticketTable } from "./ticket-table.js";

function select(
  name: string,
  current: string | number | undefined,
  options: readonly (readonly [string | number, string])[],
): Html {
  return html`<select name="${name}">
    ${options.map(
      ([value, label]) =>
        html`<option value="${value}" ${String(current ?? "") === String(value) ? "selected" : ""}>
          ${label}
        </option>`,
    )}
  </select>`;
}

/** The filter form: a plain GET form, so it works without JavaScript. */
export function queueFilters(
  c: PageContext,
  filter: QueueFilter,
  municipalities: readonly Municipality[],
  agents: readonly Agent[],
): Html {
  const statuses = ["new", "waiting_agent", "waiting_parent", "on_hold", "resolved", "closed"];
  return html`<form method="get" action="/console/queue" class="filters">
    <label
      >${c.t("col-status")}
      ${select("status", filter.status, [
        ["open", c.t("status-open")],
        ["all", c.t("any")],
        ...statuses.map((s) => [s, c.raw(`relay-status-${s}`)] as const),
      ])}</label
    >
    <label
      >${c.t("col-category")}
      ${select("category", filter.category, [
        ["", c.t("any")],
        ...["site", "booking", "other"].map((s) => [s, c.raw(`relay-category-${s}`)] as const),
      ])}</label
    >
    <label
      >${c.t("col-municipality")}
      ${select("municipality", filter.municipality, [
        ["", c.t("any")],
        ...municipalities.map((m) => [m.id, m.name] as const),
      ])}</label
    >
    <label
      >${c.t("col-assignee")}
      ${select("assignee", filter.assignee, [
        ["", c.t("any")],
        ["me", c.t("assignee-me")],
        ["none", c.t("assignee-none")],
        ...agents.map((a) => [a.id, a.displayName || a.telegramUserId] as const),
      ])}</label
    >
    <label
      >${c.t("col-due")}
      ${select("sla", filter.sla, [
        ["", c.t("any")],
        ["overdue", c.t("sla-overdue")],
        ["1h", c.t("sla-1h")],
        ["4h", c.t("sla-4h")],
        ["24h", c.t("sla-24h")],
      ])}</label
    >
    <button type="submit">${c.t("filter-button")}</button>
  </form>`;
}

/**
 * The table with its pager; htmx re-fetches it every 10 seconds. Pages follow a cursor
 * (no page numbers: a page never costs reading the ones before it), so the pager offers
 * the first page and the next one; the count stops at QUEUE_COUNT_LIMIT.
 */
export function queueTable(c: PageContext, page: QueuePage, query: URLSearchParams): Html {
  const link = (after: string | null) => {
    const q = new URLSearchParams(query);
    if (after) q.set("after", after);
    else q.delete("after");
    q.delete("page");
    return `/console/queue?${q.toString()}`;
  };
  const current = query.get("after");
  return html`<div id="queue" hx-get="${link(current)}" hx-trigger="every 10s" hx-swap="outerHTML">
    <p>
      ${
        page.countCapped
          ? c.t("queue-total-more", { count: QUEUE_COUNT_LIMIT })
          : c.t("queue-total", { count: page.count })
      }
    </p>
    ${ticketTable(c, page.rows)}
    <p class="pager">
      ${current ? html`<a href="${link(null)}">« ${c.t("page-first")}</a>` : ""}
      ${page.next ? html`<a href="${link(page.next)}" rel="next">${c.t("page-next")} →</a>` : ""}
    </p>
  </div>`;
}
