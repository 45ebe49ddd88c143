import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  deleteMacro,
  listMacros,
  macroSchema,
  municipalitySchema,
  saveMacro,
  updateMunicipality,
} from "../../core/console/index.js";
import { supervisorsOnly } from "../auth.js";
import type { ConsoleDeps } from "../console-deps.js";
import { html } from "../html.js";
import { csrfField, layout, pageContext, sendPage } from "../page.js";

/** Macros (every agent) and municipalities (supervisors). */
export function settingsRoutes(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    const db = deps.staff.db;

    app.get("/macros", async (request, reply) => {
      const macros = await listMacros(db);
      const c = pageContext(deps, request, reply);
      const macroForm = (name: string, text: string) =>
        html`<form method="post" action="/console/macros" class="stacked">
          ${csrfField(c)}
          <label>${c.t("macro-name")}<input name="name" value="${name}" required /></label>
          <label
            >${c.t("macro-text")}<textarea name="text" rows="4" required>${text}</textarea>
          </label>
          <button type="submit">${c.t("save")}</button>
        </form>`;
      return sendPage(
        reply,
        layout(
          c,
          c.t("macros-title"),
          html`<p>${c.t("macros-help")}</p>
            ${macros.map(
              (m) =>
                html`<article class="macro">
                  <h3><code>/m ${m.name}</code></h3>
                  ${macroForm(m.name, m.text)}
                  <form method="post" action="/console/macros/delete" class="inline">
                    ${csrfField(c)}<input type="hidden" name="name" value="${m.name}" />
                    <button type="submit">${c.t("delete")}</button>
                  </form>
                </article>`,
            )}
            <h2>${c.t("macro-new")}</h2>
            ${macroForm("", "")}`,
        ),
      );
    });

    app.post("/macros", async (request, reply) => {
      await saveMacro(db, request.consoleAgent!.id, macroSchema.parse(request.body));
      return reply.redirect("/console/macros", 303);
    });

    app.post("/macros/delete", async (request, reply) => {
      const { name } = z.object({ name: z.string().max(40) }).parse(request.body);
      await deleteMacro(db, request.consoleAgent!.id, name);
      return reply.redirect("/console/macros", 303);
    });

    app.get("/municipalities", { preHandler: supervisorsOnly }, async (request, reply) => {
      const list = await db.municipality.findMany({ orderBy: { name: "asc" } });
      const c = pageContext(deps, request, reply);
      return sendPage(
        reply,
        layout(
          c,
          c.t("municipalities-title"),
          html`<table class="edit">
            <thead>
              <tr>
                <th>${c.t("col-municipality")}</th>
                <th>${c.t("phone")}</th>
                <th>${c.t("time-zone")}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (m) =>
                  html`<tr>
                    <td colspan="4">
                      <form method="post" action="/console/municipalities" class="row">
                        ${csrfField(c)}<input type="hidden" name="id" value="${m.id}" />
                        <input
                          name="name"
                          value="${m.name}"
                          required
                          aria-label="${c.t("col-municipality")}"
                        />
                        <input name="phone" value="${m.phone ?? ""}" aria-label="${c.t("phone")}" />
                        <input
                          name="timeZone"
                          value="${m.timeZone}"
                          required
                          aria-label="${c.t("time-zone")}"
                        />
                        <button type="submit">${c.t("save")}</button>
                      </form>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
        ),
      );
    });

    app.post("/municipalities", { preHandler: supervisorsOnly }, async (request, reply) => {
      await updateMunicipality(
        db,
        request.consoleAgent!.id,
        municipalitySchema.parse(request.body),
      );
      return reply.redirect("/console/municipalities", 303);
    });
  };
}
