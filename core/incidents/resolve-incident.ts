import { asLocale } from "../contacts/contact-locale.js";
import type { Tx } from "../db/index.js";
import type { Effects } from "../intake/index.js";
import { parentChatKey, relayChatKey } from "../outbound/record-outbound.js";
import { openStatuses } from "../tickets/ticket-state.js";
import { type IncidentActor, type IncidentDeps, runIncidentAction } from "./incident-action.js";
import { refreshSummary } from "./link-ticket.js";

/**
 * `/incident resolve [№N] <text>`: the incident ends; every open linked ticket is resolved
 * with the text as its comment, and every linked parent is told the text once. It is one
 * transaction of a few set-based statements, however many tickets wait: the outbox rows
 * carry dedupe keys per incident and parent (nothing is sent twice, even if the command
 * ran again), and committed rows are delivered through the channels' rate limits by the
 * outbox (nothing is lost across a restart: pending rows are swept up and sent).
 */
export function resolveIncident(
  deps: IncidentDeps,
  input: IncidentActor & { incidentId?: number; text: string },
) {
  return runIncidentAction(
    deps,
    input,
    { action: "incident_resolved", supervisorsOnly: true },
    async ({ tx, agent, effects, audit }) => {
      const text = input.text.trim().slice(0, 2000);
      if (!text) return { refuse: "incident-resolve-usage" };
      const open = await tx.incident.findMany({
        where: { status: "open", ...(input.incidentId ? { id: input.incidentId } : {}) },
        select: { id: true },
      });
      const [only] = open;
      if (!only || open.length > 1)
        return { refuse: open.length > 1 ? "incident-resolve-which" : "incident-none-open" };
      const now = deps.clock.now();
      const ended = await tx.$queryRaw<{ id: number }[]>`
        UPDATE "Incident" SET "status" = 'resolved', "resolution" = ${text},
               "resolvedAt" = ${now}, "resolvedById" = ${agent.id}
        WHERE "id" = ${only.id} AND "status" = 'open' RETURNING "id"`;
      if (ended.length === 0) return { refuse: "incident-none-open" };
      const tickets = await resolveLinkedTickets(tx, only.id, text, now);
      const told = await tellParents(tx, deps, effects, only.id, text);
      await closeTopics(tx, deps, effects, tickets);
      await tx.$executeRaw`
        INSERT INTO "AuditLog" ("actor", "action", "ticketId", "details", "at")
        SELECT ${`agent:${agent.id}`}, 'resolve_by_incident', t, jsonb_build_object('incidentId', ${only.id}::int), ${now}
        FROM unnest(${tickets.map((t) => t.id)}::int[]) AS t`;
      effects.ticketIds.push(...tickets.map((t) => t.id));
      await refreshSummary(tx, deps, effects, only.id, "now");
      audit.details = { incidentId: only.id, resolved: tickets.length, parentsTold: told };
      return { incidentId: only.id, resolved: tickets.length, parentsTold: told };
    },
  );
}

interface ResolvedTicket {
  id: number;
  relayThreadId: number | null;
  relayCardMessageId: number | null;
}

/** Every open linked ticket resolved in one statement, as the state machine would. */
async function resolveLinkedTickets(
  tx: Tx,
  incidentId: number,
  text: string,
  now: Date,
): Promise<ResolvedTicket[]> {
  return tx.$queryRaw<ResolvedTicket[]>`
    UPDATE "Ticket" t
    SET "status" = 'resolved', "resolvedAt" = ${now}, "resolutionComment" = ${text},
        "holdThanksPending" = false, "responseDueAt" = NULL, "updatedAt" = ${now}
    FROM "IncidentLink" l
    WHERE l."incidentId" = ${incidentId} AND l."ticketId" = t."id"
      AND t."status"::text = ANY(${[...openStatuses]}::text[])
    RETURNING t."id", t."relayThreadId", t."relayCardMessageId"`;
}

/**
 * One message per linked parent (the lowest linked ticket number names it), in their own
 * language, written in one statement; a parent who blocked the bot is skipped.
 */
async function tellParents(
  tx: Tx,
  deps: IncidentDeps,
  effects: Effects,
  incidentId: number,
  text: string,
): Promise<number> {
  const parents = await tx.$queryRaw<
    {
      contactId: number;
      channel: "telegram" | "vk";
      externalId: string;
      locale: string;
      number: number;
    }[]
  >`
    SELECT c."id" AS "contactId", c."channel"::text AS "channel", c."externalId", c."locale",
           min(t."number")::int AS "number"
    FROM "IncidentLink" l
    JOIN "Ticket" t ON t."id" = l."ticketId"
    JOIN "Contact" c ON c."id" = t."contactId"
    WHERE l."incidentId" = ${incidentId} AND c."blockedAt" IS NULL
    GROUP BY c."id"`;
  if (parents.length === 0) return 0;
  const rows = parents.map((p) => {
    const locale = asLocale(p.locale);
    return {
      channel: p.channel,
      chatKey: parentChatKey(p.channel, p.externalId),
      payload: {
        type: "text",
        text: [
          deps.i18n.t(locale, "incident-resolved-parent", { number: p.number }),
          text,
          deps.i18n.t(locale, "resolved-reopen-hint"),
        ].join("\n\n"),
      },
      dedupeKey: `incident-${incidentId}-told-${p.contactId}`,
    };
  });
  const written = await tx.$queryRaw<{ id: number; channel: string; chatKey: string }[]>`
    INSERT INTO "Outbox" ("channel", "chatKey", "payload", "dedupeKey")
    SELECT r."channel", r."chatKey", r."payload", r."dedupeKey"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r("channel" text, "chatKey" text, "payload" jsonb, "dedupeKey" text)
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id", "channel", "chatKey"`;
  effects.outboxRows = [
    ...(effects.outboxRows ?? []),
    ...written.map((w) => ({ ...w, channel: w.channel as "telegram" | "vk" })),
  ];
  return written.length;
}

/** Linked tickets that got a place of their own (topic, card) have it marked ✅ and closed. */
async function closeTopics(
  tx: Tx,
  deps: IncidentDeps,
  effects: Effects,
  tickets: ResolvedTicket[],
): Promise<void> {
  const withTopics = tickets
    .filter((t) => t.relayThreadId !== null || t.relayCardMessageId !== null)
    .map((t) => t.id);
  if (!deps.settings.relayEnabled || withTopics.length === 0) return;
  const rows = withTopics.map((id) => ({
    channel: "relay",
    chatKey: relayChatKey,
    payload: { op: "sync_topic", ticketId: id },
    ticketId: id,
  }));
  const written = await tx.$queryRaw<{ id: number; channel: string; chatKey: string }[]>`
    INSERT INTO "Outbox" ("channel", "chatKey", "payload", "ticketId")
    SELECT r."channel", r."chatKey", r."payload", r."ticketId"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r("channel" text, "chatKey" text, "payload" jsonb, "ticketId" int)
    RETURNING "id", "channel", "chatKey"`;
  effects.outboxRows = [
    ...(effects.outboxRows ?? []),
    ...written.map((w) => ({ ...w, channel: "relay" as const })),
  ];
}
