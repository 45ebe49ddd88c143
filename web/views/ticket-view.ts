import type { TicketView } from "../../core/console/index.js";
import type { Macro } from "../../core/db/index.js";
import { type Html, html } from "../html.js";
import { csrfField, type PageContext } from "../page.js";
import { dueCell } from "./ticket-table.js";

export type TicketNotice =
  { kind: "sent" | "done" | "refused" | "duplicate" } | { kind: "flagged"; hints: string[] };

function actionButton(c: PageContext, number: number, key: string, action: string): Html {
  return html`<form method="post" action="/console/tickets/${number}/${action}" class="inline">
    ${csrfField(c)}<input type="hidden" name="key" value="${key}" />
    <button type="submit" name="do" value="${action}">${c.t(`action-${action}`)}</button>
  </form>`;
}

function noticeBlock(c: PageContext, notice: TicketNotice | undefined): Html {
  if (!notice) return html``;
  if (notice.kind === "flagged")
    return html`<div class="notice error" role="alert">
      <p>${c.t("reply-flagged")}</p>
      <ul>
        ${notice.hints.map((h) => html`<li>${h}</li>`)}
      </ul>
    </div>`;
  return html`<p class="notice ${notice.kind === "refused" ? "error" : ""}" role="status">
    ${c.t(`notice-${notice.kind}`)}
  </p>`;
}

/** The ticket's card, its whole conversation (masked), the actions and the reply box. */
export function ticketPage(
  c: PageContext,
  view: TicketView,
  form: { key: string; macros: readonly Macro[]; draft: string; notice?: TicketNotice },
): Html {
  const t = view.ticket;
  const due = t.responseDueAt;
  const open = !["resolved", "closed"].includes(t.status);
  return html`${noticeBlock(c, form.notice)}
    <section class="card">
      <table class="facts">
        <tr>
          <th>${c.t("col-parent")}</th>
          <td>
            <a href="/console/parents/${t.contactId}">${t.contact.displayName || "—"}</a> ·
            ${c.raw(`relay-channel-${t.contact.channel}`)}
          </td>
        </tr>
        <tr>
          <th>${c.t("col-status")}</th>
          <td>${c.raw(`relay-status-${t.status}`)}</td>
        </tr>
        <tr>
          <th>${c.t("col-category")}</th>
          <td>${c.raw(`relay-category-${t.category}`)}</td>
        </tr>
        <tr>
          <th>${c.t("col-municipality")}</th>
          <td>${t.municipality?.name ?? "—"}</td>
        </tr>
        <tr>
          <th>${c.t("col-assignee")}</th>
          <td>${t.assignee?.displayName ?? "—"}</td>
        </tr>
        <tr>
          <th>${c.t("col-created")}</th>
          <td>${c.when(t.createdAt)}</td>
        </tr>
        <tr>
          <th>${c.t("col-due")}</th>
          ${dueCell(c, due)}
        </tr>
      </table>
      <div class="actions">
        ${
          open
            ? html`${actionButton(c, t.number, form.key, "take")}
              ${t.status !== "on_hold" ? actionButton(c, t.number, form.key, "hold") : ""}
              ${actionButton(c, t.number, form.key, "resolve")}`
            : actionButton(c, t.number, form.key, "reopen")
        }
      </div>
    </section>
    <section class="conversation">
      <h2>${c.t("conversation")}</h2>
      ${
        view.masked
          ? html`<form method="post" action="/console/tickets/${t.number}/reveal">
              ${csrfField(c)}
              <p>${c.t("masked-note")} <button type="submit">${c.t("reveal")}</button></p>
            </form>`
          : ""
      }
      ${view.conversation.map(
        (m) =>
          html`<article class="msg ${m.direction}">
            <header>
              ${c.t(`direction-${m.direction}`)}${m.agent ? html` · ${m.agent}` : ""} ·
              <time>${c.when(m.at)}</time>
            </header>
            <p>${m.text}</p>
            ${m.attachments.length > 0 ? html`<p class="files">${m.attachments.map((a) => `[${a}] `)}</p>` : ""}
          </article>`,
      )}
    </section>
    ${
      open
        ? html`<section class="reply">
            <h2>${c.t("reply-title")}</h2>
            ${
              form.macros.length > 0
                ? html`<form method="get" action="/console/tickets/${t.number}" class="inline">
                    <select name="macro">
                      ${form.macros.map((m) => html`<option value="${m.name}">${m.name}</option>`)}
                    </select>
                    <button type="submit">${c.t("macro-insert")}</button>
                  </form>`
                : ""
            }
            <form method="post" action="/console/tickets/${t.number}/reply">
              ${csrfField(c)}<input type="hidden" name="key" value="${form.key}" />
              <textarea name="text" rows="5" required>${form.draft}</textarea>
              ${
                form.notice?.kind === "flagged"
                  ? html`<label
                      ><input type="checkbox" name="force" value="1" /> ${c.t("reply-force")}</label
                    >`
                  : ""
              }
              <button type="submit" class="primary">${c.t("reply-send")}</button>
            </form>
          </section>`
        : ""
    }`;
}
