import type { TicketRow } from "../../core/console/index.js";
import { formatDuration } from "../../core/i18n/index.js";
import { type Html, html } from "../html.js";
import type { PageContext } from "../page.js";

/** Time left until the reply is due, or how late it is. */
export function dueCell(c: PageContext, dueAt: Date | null): Html {
  if (!dueAt) return html`<td>—</td>`;
  const left = dueAt.getTime() - c.now.getTime();
  const cls = left < 0 ? "late" : left < 3_600_000 ? "soon" : "ok";
  const text =
    left < 0
      ? c.t("due-late", { time: formatDuration(-left, c.locale) })
      : c.t("due-left", { time: formatDuration(left, c.locale) });
  return html`<td class="${cls}" title="${c.when(dueAt)}">${text}</td>`;
}

/** Tickets as a table: number (to the ticket), parent (to their page), status, deadline. */
export function ticketTable(c: PageContext, rows: readonly TicketRow[]): Html {
  if (rows.length === 0) return html`<p class="empty">${c.t("no-tickets")}</p>`;
  return html`<table class="tickets">
    <thead>
      <tr>
        <th>№</th>
        <th>${c.t("col-parent")}</th>
        <th>${c.t("col-subject")}</th>
        <th>${c.t("col-status")}</th>
        <th>${c.t("col-category")}</th>
        <th>${c.t("col-municipality")}</th>
        <th>${c.t("col-assignee")}</th>
        <th>${c.t("col-due")}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <td><a href="/console/tickets/${r.number}">№${r.number}</a></td>
            <td>
              <a href="/console/parents/${r.contactId}">${r.parent || "—"}</a>
              <small>${c.raw(`relay-channel-${r.channel}`)}</small>
            </td>
            <td>${r.subject}</td>
            <td>${c.raw(`relay-status-${r.status}`)}</td>
            <td>${c.raw(`relay-category-${r.category}`)}</td>
            <td>${r.municipality ?? "—"}</td>
            <td>${r.assignee ?? "—"}</td>
            ${dueCell(c, r.dueAt)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
