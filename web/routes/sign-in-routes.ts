import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { endSession, redeemSignInLink, startSession } from "../../core/console/index.js";
import { cookieOptions, LOCALE_COOKIE, SESSION_COOKIE } from "../auth.js";
import type { ConsoleDeps } from "../console-deps.js";
import { html } from "../html.js";
import { csrfField, layout, pageContext, sendPage } from "../page.js";

const tokenSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/**
 * Sign-in by the link /console sends: opening it shows a button (a link preview or a
 * mail scanner fetching the page does not use the link up); pressing it starts the
 * session. Also sign-out and the language switch.
 */
export function signInRoutes(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    const strict = { config: { rateLimit: { max: 20, timeWindow: 60_000 } } };

    app.get("/", async (_request, reply) => reply.redirect("/console/queue", 303));

    app.get("/sign-in", strict, async (request, reply) => {
      const c = pageContext(deps, request, reply);
      const parsed = tokenSchema.safeParse(request.query);
      if (!parsed.success)
        return sendPage(reply, layout(c, c.t("sign-in-title"), html`<p>${c.t("sign-in-how")}</p>`));
      return sendPage(
        reply,
        layout(
          c,
          c.t("sign-in-title"),
          html`<form method="post" action="/console/sign-in">
            ${csrfField(c)}
            <input type="hidden" name="token" value="${parsed.data.token}" />
            <button type="submit" class="primary">${c.t("sign-in-button")}</button>
          </form>`,
        ),
      );
    });

    app.post("/sign-in", strict, async (request, reply) => {
      const { token } = tokenSchema.parse(request.body);
      const result = await redeemSignInLink(deps.staff, token);
      if (result.outcome !== "ok") {
        const c = pageContext(deps, request, reply);
        return sendPage(
          reply,
          layout(
            c,
            c.t("sign-in-title"),
            html`<p class="error">${c.t("sign-in-refused")}</p>
              <p>${c.t("sign-in-how")}</p>`,
          ),
          401,
        );
      }
      const session = await startSession(deps.staff, result.agent.id);
      reply.setCookie(SESSION_COOKIE, session, cookieOptions(deps));
      return reply.redirect("/console/queue", 303);
    });

    app.post("/sign-out", async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(deps.staff, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
      return reply.redirect("/console/sign-in", 303);
    });

    app.get("/lang", async (request, reply) => {
      const { to, back } = z
        .object({
          to: z.enum(["ru", "en"]),
          // Only a page of the console: the switch must not become an open redirect.
          back: z
            .string()
            .max(2000)
            .regex(/^\/console\/(?!\/)[^\\]*$/)
            .optional()
            .catch(undefined),
        })
        .parse(request.query);
      reply.setCookie(LOCALE_COOKIE, to, { ...cookieOptions(deps), httpOnly: false });
      return reply.redirect(
        back?.startsWith("/console/lang") ? "/console/queue" : (back ?? "/console/queue"),
        303,
      );
    });
  };
}
