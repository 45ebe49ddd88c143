import { createRequire } from "node:module";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { ZodError } from "zod";
import { isCoreError, packageFile } from "../core/shared/index.js";
import { sessionHook } from "./auth.js";
import type { ConsoleDeps } from "./console-deps.js";
import { html } from "./html.js";
import { layout, pageContext, sendPage } from "./page.js";
import { dashboardRoutes } from "./routes/dashboard-routes.js";
import { kbRoutes } from "./routes/kb-routes.js";
import { queueRoutes } from "./routes/queue-routes.js";
import { settingsRoutes } from "./routes/settings-routes.js";
import { signInRoutes } from "./routes/sign-in-routes.js";
import { ticketRoutes } from "./routes/ticket-routes.js";

const require = createRequire(import.meta.url);
const packageDist = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const assetRoots = [
  packageFile("web", "assets"),
  path.join(packageDist("htmx.org"), "dist"),
  path.join(packageDist("uplot"), "dist"),
];

/**
 * The staff web console as one Fastify plugin; mount it with `{ prefix: "/console" }`.
 * Everything it registers (cookies, forms, CSRF, CSP and other security headers, rate
 * limit, static files) is encapsulated, so it changes nothing for webhooks or /metrics.
 */
export function consolePlugin(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    const secure = deps.publicUrl.startsWith("https:");
    if (!app.hasDecorator("parseCookie")) await app.register(fastifyCookie);
    await app.register(fastifyFormbody);
    await app.register(fastifyCsrf, {
      cookieKey: "console_csrf",
      cookieOpts: { path: "/console", httpOnly: true, sameSite: "strict", secure, signed: false },
    });
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
        },
      },
      // Sign-in links arrive from Telegram: no referrer carries a token anywhere.
      referrerPolicy: { policy: "no-referrer" },
    });
    await app.register(fastifyRateLimit, {
      max: deps.requestsPerMinute ?? 600,
      timeWindow: 60_000,
    });
    await app.register(fastifyStatic, {
      root: assetRoots,
      prefix: "/assets/",
      decorateReply: false,
      maxAge: 3_600_000,
    });
    // Every form posts: one hook refuses any POST without the session's CSRF token.
    app.addHook("preHandler", (request, reply, done) => {
      if (request.method === "POST") app.csrfProtection(request, reply, done);
      else done();
    });
    app.decorateRequest("consoleAgent", null);
    app.decorateRequest("consoleLocale", "ru");
    app.addHook("onRequest", sessionHook(deps));

    app.setErrorHandler(async (error, request, reply) => {
      const c = pageContext(deps, request, reply);
      if (isCoreError(error, "TICKET_NOT_FOUND") || isCoreError(error, "CONTACT_NOT_FOUND"))
        return sendPage(
          reply,
          layout(c, c.t("not-found"), html`<p>${c.t("not-found-text")}</p>`),
          404,
        );
      if (error instanceof ZodError)
        return sendPage(
          reply,
          layout(
            c,
            c.t("bad-input"),
            html`<p>${c.t("bad-input-text")}</p>
              <pre>
${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}</pre>`,
          ),
          400,
        );
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, "console request failed");
      const key = status === 403 ? "forbidden" : status === 429 ? "too-many" : "failed";
      return sendPage(reply, layout(c, c.t(key), html`<p>${c.t(`${key}-text`)}</p>`), status);
    });

    await app.register(signInRoutes(deps));
    await app.register(queueRoutes(deps));
    await app.register(ticketRoutes(deps));
    await app.register(kbRoutes(deps));
    await app.register(settingsRoutes(deps));
    await app.register(dashboardRoutes(deps));
  };
}
