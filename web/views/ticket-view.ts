import type { TicketView } from "../../core/console/index.js";
import type { Macro } from "../../core/db/index.js";
import { type Html, html } from "../html.js";
import { isSupervisor } from "../console-deps.js";
import { csrfField, type PageContext } from "../page.js";
import { dueCell } from "./ticket-table.js";

/** What a redirect back to the ticket page reports (`?notice=`). */
export const ticketNotices = [
  "sent",
  "done",
  "refused",
  "duplicate",
  "deadline-moved",
  "deadline-usage",
  "deadline-past",
  "deadline-none",
] as const;

/**
 * `spelling`: the literacy hint's likely typos in the agent's reply (core's guard found
 * them, as the relay shows them in the topic): a hint beside the notice, never a refusal.
 */
export type TicketNotice =
  | { kind: (typeof ticketNotices)[number]; spelling?: readonly string[] }
  | { kind: "flagged"; hints: string[]; spelling?: readonly string[] };

const refusals = new Set(["refused", "deadline-usage", "deadline-past", "deadline-none"]);

function actionButton(c: PageContext, number: number, key: string, action: string): Html {
  return html`<form method="post" action="/console/tickets/${number}/${action}" class="inline">
    ${csrfField(c)}<input type="hidden" name="key" value="${key}" />
    <button type="submit" name="do" value="${action}">${c.t(`action-${action}`)}</button>
  </form>`;
}

/** Supervisors only, while a reply is owed: the new time and the reason (both required). */
function deadlineForm(c: PageContext, number: number, key: string, zone: string): Html {
  return html`<form method="post" action="/console/tickets/${number}/deadline" class="deadline">
    ${csrfField(c)}<input type="hidden" name="key" value="${key}" />
    <fieldset>
      <legend>${c.t("deadline-title")}</legend>
      <label
        >${c.t("deadline-new", { zone })}
        <input type="datetime-local" name="due" required />
      </label>
      <label
        >${c.t("deadline-reason")}
        <input type="text" name="reason" required maxlength="500" />
      </label>
      <button type="submit">${c.t("action-deadline")}</button>
    </fieldset>
  </form>`;
}

function noticeBlock(c: PageContext, notice: TicketNotice | undefined): Html {
  if (!notice) return html``;
  const words = (notice.spelling ?? []).join(", ");
  if (notice.kind === "flagged")
    return html`<div class="notice error" role="alert">
      <p>${c.t("reply-flagged")}</p>
      <ul>
        ${notice.hints.map((h) => html`<li>${h}</li>`)}
        ${words ? html`<li class="spelling">${c.t("reply-spelling-held", { words })}</li>` : ""}
      </ul>
    </div>`;
  return html`<p class="notice ${refusals.has(notice.kind) ? "error" : ""}" role="status">
      ${c.t(`notice-${notice.kind}`)}
    </p>
    ${
      words
        ? html`<p class="notice hint spelling" role="status">
            ${c.t("reply-spelling-sent", { words })}
          </p>`
        : ""
    }`;
}

/** The ticket's card, its whole conversation (masked), the actions and the reply box. */
export function ticketPage(
  c: PageContext,
  view: TicketView,
  form: {
    key: string;
    macros: readonly Macro[];
    draft: string;
    notice?: TicketNotice;
    /** The staff's time zone, in which a new deadline is read. */
    zone: string;
  },
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
      ${
        open && due && c.agent && isSupervisor(c.agent)
          ? deadlineForm(c, t.number, form.key, form.zone)
          : ""
      }
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
