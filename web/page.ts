import type { FastifyReply, FastifyRequest } from "fastify";
import type { Agent } from "../core/db/index.js";
import type { MessageArgs } from "../core/i18n/index.js";
import type { ConsoleDeps, Locale } from "./console-deps.js";
import { isSupervisor } from "./console-deps.js";
import { type Html, html } from "./html.js";

/** What every page renders with: texts in the viewer's language, the viewer, a CSRF token. */
export interface PageContext {
  t(key: string, args?: MessageArgs): string;
  /** A text outside the console's section (statuses, categories, channels of the relay). */
  raw(key: string, args?: MessageArgs): string;
  /** Date and time in the default time zone. */
  when(at: Date): string;
  now: Date;
  locale: Locale;
  agent: Agent | null;
  csrf: string;
  /** This page's path and query: the language switch comes back here. */
  url: string;
}

export function pageContext(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): PageContext {
  const locale = request.consoleLocale;
  // One formatter per page: toLocaleString builds a new one on every call, which is slow.
  const dateFormat = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    timeZone: deps.staff.settings.defaultTimeZone,
    dateStyle: "short",
    timeStyle: "short",
  });
  return {
    t: (key, args) => deps.staff.i18n.t(locale, `console-${key}`, args),
    raw: (key, args) => deps.staff.i18n.t(locale, key, args),
    when: (at) => dateFormat.format(at),
    now: deps.staff.clock.now(),
    locale,
    agent: request.consoleAgent,
    csrf: reply.generateCsrf(),
    url: request.url,
  };
}

/** The hidden field every form carries (forms without it are refused). */
export function csrfField(c: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${c.csrf}" />`;
}

/** The other language, on every page (signed in or not); it comes back to the same page. */
function languageLink(c: PageContext): Html {
  const to = c.locale === "ru" ? "en" : "ru";
  const back = encodeURIComponent(c.url);
  return html`<a
    class="lang"
    href="/console/lang?to=${to}&amp;back=${back}"
    hreflang="${to}"
    lang="${to}"
    >${c.t(`lang-${to}`)}</a
  >`;
}

function nav(c: PageContext): Html {
  if (!c.agent) return html``;
  const link = (href: string, key: string) => html`<a href="/console/${href}">${c.t(key)}</a>`;
  return html`<nav>
    ${link("queue", "nav-queue")} ${link("search", "nav-search")} ${link("kb", "nav-kb")}
    ${link("macros", "nav-macros")}
    ${
      isSupervisor(c.agent)
        ? html`${link("dashboard", "nav-dashboard")} ${link("municipalities", "nav-municipalities")}`
        : ""
    }
    <span class="who">${c.agent.displayName} · ${c.t(`role-${c.agent.role}`)}</span>
    <form method="post" action="/console/sign-out" class="inline">
      ${csrfField(c)}<button type="submit">${c.t("sign-out")}</button>
    </form>
  </nav>`;
}

/** The page frame: htmx and the stylesheet from /console/assets, the menu, the content. */
export function layout(c: PageContext, title: string, content: Html, head: Html = html``): Html {
  return html`<!doctype html>
    <html lang="${c.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <title>${title} · ${c.t("title")}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/htmx.min.js" defer></script>
        ${head}
      </head>
      <body>
        <header><strong>${c.t("title")}</strong> ${nav(c)} ${languageLink(c)}</header>
        <main>
          <h1>${title}</h1>
          ${content}
        </main>
      </body>
    </html>`;
}

export function sendPage(reply: FastifyReply, page: Html, status = 200): FastifyReply {
  return reply.status(status).type("text/html; charset=utf-8").send(page.value);
}
