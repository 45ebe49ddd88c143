import type { FastifyReply, FastifyRequest } from "fastify";
import { sessionAgent } from "../core/console/index.js";
import { type ConsoleDeps, isSupervisor } from "./console-deps.js";
import { html } from "./html.js";
import { layout, pageContext, sendPage } from "./page.js";

export const SESSION_COOKIE = "console_session";
const LOCALE_COOKIE = "console_lang";
/** Reachable without a session: the sign-in pages and the static files. */
const publicPaths = [/^\/console\/sign-in(\?|$)/, /^\/console\/assets\//, /^\/console\/lang(\?|$)/];

export function cookieOptions(deps: ConsoleDeps) {
  return {
    path: "/console",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: deps.publicUrl.startsWith("https:"),
  };
}

/**
 * Who is asking: the session cookie's agent (or none), the language, and for everything
 * but the sign-in pages a sign-in page instead of any data when there is no session.
 */
export function sessionHook(deps: ConsoleDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.consoleLocale = request.cookies[LOCALE_COOKIE] === "en" ? "en" : "ru";
    const token = request.cookies[SESSION_COOKIE];
    request.consoleAgent = token ? ((await sessionAgent(deps.staff, token)) ?? null) : null;
    if (request.consoleAgent || publicPaths.some((p) => p.test(request.url))) return;
    const c = pageContext(deps, request, reply);
    return sendPage(
      reply,
      layout(c, c.t("sign-in-title"), html`<p>${c.t("sign-in-how")}</p>`),
      401,
    );
  };
}

/** A preHandler for supervisors' pages: agents get 403. */
export async function supervisorsOnly(request: FastifyRequest) {
  if (!request.consoleAgent || !isSupervisor(request.consoleAgent))
    throw Object.assign(new Error("This page is for supervisors."), { statusCode: 403 });
}

export { LOCALE_COOKIE };
