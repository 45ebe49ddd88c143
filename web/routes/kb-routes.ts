import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  faqEditSchema,
  listFaqDrafts,
  publishFaqDraft,
  rejectFaqDraft,
  searchFaqEntries,
  updateFaqEntry,
} from "../../core/console/index.js";
import { createFaqRepository } from "../../core/faq/index.js";
import type { ConsoleDeps } from "../console-deps.js";
import { html } from "../html.js";
import { csrfField, layout, pageContext, sendPage } from "../page.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** The knowledge base: entries (search, edit), drafts to publish or reject, unanswered questions. */
export function kbRoutes(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    const db = deps.staff.db;
    // Drafts are copied from a parent's words: personal data stays hidden here too.
    const mask = (text: string) => deps.staff.maskPersonalData(text).masked;

    app.get("/kb", async (request, reply) => {
      const { q, notice } = z
        .object({ q: z.string().max(200).default(""), notice: z.string().max(20).optional() })
        .parse(request.query);
      const [entries, drafts, groups] = await Promise.all([
        searchFaqEntries(db, q),
        listFaqDrafts(db),
        createFaqRepository(db).unansweredReport({
          since: new Date(deps.staff.clock.now().getTime() - 30 * 86_400_000),
          limit: 15,
        }),
      ]);
      const c = pageContext(deps, request, reply);
      const content = html` ${
          notice === "published" || notice === "rejected" || notice === "saved"
            ? html`<p class="notice" role="status">${c.t(`kb-notice-${notice}`)}</p>`
            : ""
        }
        <h2>${c.t("kb-drafts")}</h2>
        ${
          drafts.length === 0
            ? html`<p class="empty">${c.t("kb-no-drafts")}</p>`
            : drafts.map(
                (d) =>
                  html`<article class="draft">
                    <h3>${mask(d.question)}</h3>
                    <p>${mask(d.answer)}</p>
                    <form method="post" action="/console/kb/${d.id}/publish" class="inline">
                      ${csrfField(c)}<button type="submit" class="primary">
                        ${c.t("kb-publish")}
                      </button>
                    </form>
                    <form method="post" action="/console/kb/${d.id}/reject" class="inline">
                      ${csrfField(c)}<button type="submit">${c.t("kb-reject")}</button>
                    </form>
                    <a href="/console/kb/${d.id}">${c.t("kb-edit")}</a>
                  </article>`,
              )
        }
        <h2>${c.t("kb-entries")}</h2>
        <form method="get" action="/console/kb" class="search">
          <input type="search" name="q" value="${q}" />
          <button type="submit">${c.t("search-button")}</button>
        </form>
        <table>
          <thead>
            <tr>
              <th>${c.t("kb-question")}</th>
              <th>${c.t("kb-hits")}</th>
              <th>${c.t("kb-helpful")}</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (e) =>
                html`<tr>
                  <td><a href="/console/kb/${e.id}">${e.question}</a></td>
                  <td>${e.hits}</td>
                  <td>${e.helpfulYes} / ${e.helpfulNo}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <h2>${c.t("kb-unanswered")}</h2>
        ${
          groups.length === 0
            ? html`<p class="empty">${c.t("kb-no-unanswered")}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>${c.t("kb-count")}</th>
                    <th>${c.t("kb-example")}</th>
                  </tr>
                </thead>
                <tbody>
                  ${groups.map(
                    (g) =>
                      html`<tr>
                        <td>${g.count}</td>
                        <td>${g.samples.join(" · ")}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }`;
      return sendPage(reply, layout(c, c.t("kb-title"), content));
    });

    app.get("/kb/:id", async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const entry = await db.faqEntry.findUnique({ where: { id } });
      const c = pageContext(deps, request, reply);
      if (!entry)
        return sendPage(
          reply,
          layout(c, c.t("not-found"), html`<p>${c.t("not-found-text")}</p>`),
          404,
        );
      return sendPage(
        reply,
        layout(
          c,
          c.t("kb-edit-title", { slug: entry.slug }),
          html`<form method="post" action="/console/kb/${entry.id}" class="stacked">
            ${csrfField(c)}
            <label
              >${c.t("kb-question")}<input name="question" value="${entry.question}" required
            /></label>
            <label
              >${c.t("kb-answer")}<textarea name="answer" rows="8" required>
${entry.answer}</textarea>
            </label>
            <label
              >${c.t("kb-phrasings")}<textarea name="phrasings" rows="6">
${entry.phrasings.join("\n")}</textarea>
            </label>
            <button type="submit" class="primary">${c.t("save")}</button>
          </form>`,
        ),
      );
    });

    app.post("/kb/:id", async (request, reply) => {
      const { id } = idParams.parse(request.params);
      await updateFaqEntry(db, request.consoleAgent!.id, id, faqEditSchema.parse(request.body));
      return reply.redirect("/console/kb?notice=saved", 303);
    });

    app.post("/kb/:id/publish", async (request, reply) => {
      const { id } = idParams.parse(request.params);
      await publishFaqDraft(db, request.consoleAgent!.id, id);
      return reply.redirect("/console/kb?notice=published", 303);
    });

    app.post("/kb/:id/reject", async (request, reply) => {
      const { id } = idParams.parse(request.params);
      await rejectFaqDraft(db, request.consoleAgent!.id, id);
      return reply.redirect("/console/kb?notice=rejected", 303);
    });
  };
}
