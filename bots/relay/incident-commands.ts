import { Composer, type Context } from "telegraf";
import {
  type IncidentBoard,
  type IncidentDeps,
  linkToIncident,
  openIncident,
  openIncidentTopic,
  parseIncidentArgs,
  resolveIncident,
  showIncidents,
} from "../../core/incidents/index.js";
import { postStaffHint } from "../../core/staff/index.js";
import { commandArgs } from "./staff-text.js";
import { actorOf, messageEventKey, type RelayHandlerDeps, ticketOf } from "./staff-update.js";

/**
 * Incident mode in the staff group: /incident [line] <notice> opens one, /incident shows
 * the open ones, /incident resolve <text> ends it (supervisors and group administrators);
 * /link [N] in a ticket's topic makes the ticket wait for incident N; /topic [number]
 * gives a waiting ticket its own topic.
 */
export function incidentCommands(h: RelayHandlerDeps, board: IncidentBoard): Composer<Context> {
  const composer = new Composer<Context>();
  const deps: IncidentDeps = { ...h.deps, board };

  composer.command("incident", async (ctx) => {
    const command = parseIncidentArgs(commandArgs(ctx.message.text));
    const input = {
      actor: actorOf(ctx.from),
      eventKey: messageEventKey(ctx.message),
      groupAdmin: command.kind !== "show" && (await h.directory.isAdmin(ctx.from.id)),
    };
    if (command.kind === "show") await showIncidents(deps, input);
    else if (command.kind === "open") {
      if (!command.notice) await postStaffHint(h.deps, { ...input, key: "incident-usage" });
      else await openIncident(deps, { ...input, line: command.line, notice: command.notice });
    } else
      await resolveIncident(deps, { ...input, incidentId: command.incidentId, text: command.text });
  });

  composer.command("link", async (ctx) => {
    const actor = actorOf(ctx.from);
    const eventKey = messageEventKey(ctx.message);
    const ticket = await ticketOf(h, ctx.message);
    if (!ticket) {
      await postStaffHint(h.deps, { actor, eventKey, key: "relay-hint-in-topic" });
      return;
    }
    const number = /\d{1,9}/.exec(commandArgs(ctx.message.text))?.[0];
    await linkToIncident(deps, {
      actor,
      eventKey,
      groupAdmin: false,
      ticketId: ticket.id,
      incidentId: number === undefined ? undefined : Number(number),
    });
  });

  composer.command("topic", async (ctx) => {
    const number = /\d{1,9}/.exec(commandArgs(ctx.message.text))?.[0];
    await openIncidentTopic(deps, {
      actor: actorOf(ctx.from),
      eventKey: messageEventKey(ctx.message),
      groupAdmin: false,
      number: number === undefined ? undefined : Number(number),
    });
  });
  return composer;
}
