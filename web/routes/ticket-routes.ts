import { randomUUID } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { applyMacro, listMacros, ticketView } from "../../core/console/index.js";
import { MAX_MISSPELLINGS } from "../../core/etiquette/index.js";
import type { Agent } from "../../core/db/index.js";
import {
  agentReply,
  etiquetteFindingText,
  holdTicket,
  moveDeadline,
  reopenTicket,
  resolveTicket,
  type StaffActionInput,
  takeTicket,
} from "../../core/staff/index.js";
import { supervisorsOnly } from "../auth.js";
import type { ConsoleDeps } from "../console-deps.js";
import { layout, pageContext, sendPage } from "../page.js";
import { ticketNotices, ticketPage, type TicketNotice } from "../views/ticket-view.js";

const numberParams = z.object({ number: z.coerce.number().int().positive() });
/** Each form carries a fresh key: a double submit acts once (core dedupes by it). */
const actionForm = z.object({ key: z.uuid(), comment: z.string().max(4000).optional() });
const replyForm = z.object({
  key: z.uuid(),
  text: z.string().trim().min(1).max(4000),
  force: z.literal("1").optional(),
});

/**
 * The literacy hint's words carried over the redirect after a sent reply (`?typos=`): the
 * guard names at most three lower-case Russian words, so anything else is dropped.
 */
const typosParam = z
  .string()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((value) =>
    (value ?? "")
      .split(",")
      .filter((word) => /^[а-яё]{1,40}$/u.test(word))
      .slice(0, MAX_MISSPELLINGS),
  );

const deadlineForm = z.object({
  key: z.uuid(),
  /** A datetime-local value, or the relay's own forms ("+2ч", "18:00", "03.12 18:00"). */
  due: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(1).max(500),
});

/** Why core refused a move, as the page says it. */
const deadlineRefusals: Record<string, string> = {
  DEADLINE_USAGE: "deadline-usage",
  DEADLINE_IN_PAST: "deadline-past",
  NO_RUNNING_DEADLINE: "deadline-none",
};

/** "2026-12-03T18:00" (an <input type="datetime-local">) in the relay's "03.12.2026 18:00". */
function relayDeadlineTime(due: string): string {
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(due);
  if (!local) return due;
  const [, year, month, day, hours, minutes] = local;
  return `${day}.${month}.${year} ${hours}:${minutes}`;
}

const actor = (agent: Agent) => ({
  telegramUserId: agent.telegramUserId,
  displayName: agent.displayName,
});

/** A ticket's page and what an agent can do there (the relay's operations, the same guard). */
export function ticketRoutes(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      options: { reveal?: boolean; notice?: TicketNotice; draft?: string; status?: number } = {},
    ) => {
      const { number } = numberParams.parse(request.params);
      const { macro } = z.object({ macro: z.string().max(100).optional() }).parse(request.query);
      const view = await ticketView(deps.staff, {
        number,
        viewerAgentId: request.consoleAgent!.id,
        reveal: options.reveal ?? false,
      });
      const macros = await listMacros(deps.staff.db);
      const chosen = macros.find((m) => m.name === macro);
      const c = pageContext(deps, request, reply);
      const draft =
        options.draft ??
        (chosen
          ? applyMacro(chosen.text, {
              number: view.ticket.number,
              parent: view.ticket.contact.displayName,
            })
          : "");
      return sendPage(
        reply,
        layout(
          c,
          c.t("ticket-title", { number }),
          ticketPage(c, view, {
            key: randomUUID(),
            macros,
            draft,
            notice: options.notice,
            zone: deps.staff.settings.defaultTimeZone,
          }),
        ),
        options.status,
      );
    };

    app.get("/tickets/:number", async (request, reply) => {
      const { notice, typos } = z
        .object({
          notice: z.enum(ticketNotices).optional().catch(undefined),
          typos: typosParam,
        })
        .parse(request.query);
      return show(request, reply, {
        notice: notice ? { kind: notice, spelling: notice === "sent" ? typos : [] } : undefined,
      });
    });

    app.post("/tickets/:number/reveal", (request, reply) => show(request, reply, { reveal: true }));

    app.post("/tickets/:number/reply", async (request, reply) => {
      const { number } = numberParams.parse(request.params);
      const form = replyForm.parse(request.body);
      const ticket = await deps.staff.db.ticket.findUnique({ where: { number } });
      if (!ticket) return show(request, reply);
      const result = await agentReply(deps.staff, {
        actor: actor(request.consoleAgent!),
        ticketId: ticket.id,
        text: form.text,
        attachments: [],
        eventKey: `console:${form.key}`,
        force: form.force === "1",
      });
      if (result.outcome === "flagged")
        return show(request, reply, {
          draft: form.text,
          notice: {
            kind: "flagged",
            // The relay's wording, fragment included (a hint's line needs its { $match }).
            hints: result.findings.map((f) =>
              etiquetteFindingText(deps.staff.i18n, request.consoleLocale, f),
            ),
            spelling: result.spelling,
          },
          status: 422,
        });
      // A sent reply's likely typos: a hint on the page it lands on (the relay posts the
      // same words in the topic); the reply has gone all the same.
      if (result.outcome === "sent") {
        const typos =
          result.spelling.length > 0
            ? `&typos=${encodeURIComponent(result.spelling.join(","))}`
            : "";
        return reply.redirect(`/console/tickets/${number}?notice=sent${typos}`, 303);
      }
      const notice = result.outcome === "duplicate" ? "duplicate" : "refused";
      return reply.redirect(`/console/tickets/${number}?notice=${notice}`, 303);
    });

    const action = (
      name: string,
      run: (input: StaffActionInput & { comment?: string }) => Promise<{ outcome: string }>,
    ) =>
      app.post(`/tickets/:number/${name}`, async (request, reply) => {
        const { number } = numberParams.parse(request.params);
        const form = actionForm.parse(request.body);
        const ticket = await deps.staff.db.ticket.findUnique({ where: { number } });
        if (!ticket) return show(request, reply);
        const result = await run({
          actor: actor(request.consoleAgent!),
          ticketId: ticket.id,
          eventKey: `console:${form.key}`,
          comment: form.comment,
        });
        return reply.redirect(`/console/tickets/${number}?notice=${result.outcome}`, 303);
      });
    // A supervisor moves the reply deadline: the relay's /deadline operation (audited with
    // the reason, the parent told the new time, the timers moved), from a plain form.
    app.post(
      "/tickets/:number/deadline",
      { preHandler: supervisorsOnly },
      async (request, reply) => {
        const { number } = numberParams.parse(request.params);
        const form = deadlineForm.safeParse(request.body);
        if (!form.success)
          return reply.redirect(`/console/tickets/${number}?notice=deadline-usage`, 303);
        const ticket = await deps.staff.db.ticket.findUnique({ where: { number } });
        if (!ticket) return show(request, reply);
        const result = await moveDeadline(deps.staff, {
          actor: actor(request.consoleAgent!),
          ticketId: ticket.id,
          eventKey: `console:${form.data.key}`,
          args: `${relayDeadlineTime(form.data.due)} ${form.data.reason}`,
        });
        const notice =
          result.outcome === "done"
            ? "deadline-moved"
            : result.outcome === "duplicate"
              ? "duplicate"
              : (deadlineRefusals[result.code] ?? "refused");
        return reply.redirect(`/console/tickets/${number}?notice=${notice}`, 303);
      },
    );

    action("take", (input) => takeTicket(deps.staff, input));
    action("hold", (input) => holdTicket(deps.staff, input));
    action("resolve", (input) => resolveTicket(deps.staff, input));
    action("reopen", (input) => reopenTicket(deps.staff, input));
  };
}
