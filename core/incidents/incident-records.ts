import type { Db, Incident } from "../db/index.js";

/** What the incident's summary post shows. */
export interface IncidentSummary {
  incident: Incident;
  linked: number;
  /** Linked tickets still without a topic of their own. */
  waiting: number;
  /** The newest linked tickets' numbers, newest first. */
  latest: number[];
}

export async function loadIncidentSummary(
  db: Db,
  incidentId: number,
): Promise<IncidentSummary | null> {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) return null;
  const [counts] = await db.$queryRaw<
    { linked: number; waiting: number; latest: number[] | null }[]
  >`
    SELECT count(*)::int AS "linked",
           count(*) FILTER (WHERE t."relayCardMessageId" IS NULL AND NOT l."topicWanted")::int AS "waiting",
           (array_agg(t."number" ORDER BY l."linkedAt" DESC, t."id" DESC))[1:10] AS "latest"
    FROM "IncidentLink" l JOIN "Ticket" t ON t."id" = l."ticketId"
    WHERE l."incidentId" = ${incidentId}`;
  return {
    incident,
    linked: counts?.linked ?? 0,
    waiting: counts?.waiting ?? 0,
    latest: counts?.latest ?? [],
  };
}

/** Remembers where the summary post is, so later updates edit it. */
export async function recordSummaryPost(
  db: Db,
  incidentId: number,
  place: { chatId: string; messageId: number },
): Promise<void> {
  await db.incident.update({
    where: { id: incidentId },
    data: { summaryChatId: place.chatId, summaryMessageId: place.messageId },
  });
}
