import { type Db, type Message, poolOf, sql } from "../db/index.js";
import { CoreError } from "../shared/index.js";
import type { RelayTicket } from "./relay-records.js";

/** How many of the parent's first messages the card quotes. */
export const CARD_MESSAGES = 20;
/** At most this many waiting messages go into one combined post (the first one included). */
export const MAX_COMBINED = 50;

/**
 * Everything the staff relay needs to deliver one row about a ticket, read in one
 * statement: the ticket with its contact, what the card shows, whether the ticket waits
 * quietly under an incident, and for a parent's message that message and the parent's
 * later messages not shown yet. The relay's cost estimate and its send work from one read
 * (the send follows the estimate at once, in the same drain of the chat).
 */
export interface RelayView {
  ticket: RelayTicket;
  municipalityName: string | null;
  /**
   * The relay keeps quiet about the ticket (its place operations post nothing): it has no
   * place in the group, no agent asked for one, and it waits for an open incident or was
   * solved by one (rows queued while it waited must not open a topic once it is over). Its
   * posts go to the incident's summary instead; a parent reopening it gets a topic as usual.
   */
  quiet: boolean;
  /** The parent's first messages, oldest first; null when not read (the card is in place). */
  cardMessages: Message[] | null;
  /** The message the row is about (`messageId`), or null. */
  message: Message | null;
  /** The parent's messages after `message` not shown yet, oldest first (up to MAX_COMBINED - 1). */
  later: Message[];
}

export interface RelayViewOptions {
  /** The staff group delivering: the card is read when it has none of the ticket's. */
  chatId: string;
  /** Read the card's messages even when the card is in place (to re-render it). */
  card?: boolean;
  messageId?: number;
}

const messageColumns = `"id", "ticketId", "direction", "text", "attachments", "agentId",
  "externalChatId", "externalMessageId", "mediaGroupId", "relayMessageId", "createdAt", "editedAt"`;

/**
 * Named, so PostgreSQL plans it once per connection. Quiet: linked to an incident while
 * without a card, the incident open or the ticket solved, and no agent asked for a topic
 * (/topic). The card's messages are ticketCard's (inbound, the first CARD_MESSAGES).
 */
export const relayViewSql = {
  name: "relay_view",
  text: `
SELECT t.*,
  row_to_json(c) AS "contact",
  m."name" AS "municipalityName",
  (EXISTS (
     SELECT 1 FROM "IncidentLink" l JOIN "Incident" i ON i."id" = l."incidentId"
     WHERE l."ticketId" = t."id" AND t."relayCardMessageId" IS NULL
       AND (i."status" = 'open' OR t."status" IN ('resolved', 'closed'))
   ) AND NOT EXISTS (
     SELECT 1 FROM "IncidentLink" w WHERE w."ticketId" = t."id" AND w."topicWanted"
   )) AS "quiet",
  CASE WHEN $2::boolean OR t."relayCardMessageId" IS NULL OR t."relayChatId" IS DISTINCT FROM $3::text
    THEN (SELECT COALESCE(json_agg(x ORDER BY x."id"), '[]'::json) FROM (
      SELECT ${messageColumns} FROM "Message"
      WHERE "ticketId" = t."id" AND "direction" = 'in' ORDER BY "id" LIMIT ${CARD_MESSAGES}) x)
  END AS "cardMessages",
  (SELECT row_to_json(x) FROM (SELECT ${messageColumns} FROM "Message" WHERE "id" = $4::integer) x)
    AS "message",
  CASE WHEN $4::integer IS NOT NULL
    THEN (SELECT COALESCE(json_agg(x ORDER BY x."id"), '[]'::json) FROM (
      SELECT ${messageColumns} FROM "Message"
      WHERE "ticketId" = t."id" AND "direction" = 'in' AND "relayMessageId" IS NULL
        AND "id" > $4::integer
      ORDER BY "id" LIMIT ${MAX_COMBINED - 1}) x)
  END AS "later"
FROM "Ticket" t
JOIN "Contact" c ON c."id" = t."contactId"
LEFT JOIN "Municipality" m ON m."id" = t."municipalityId"
WHERE t."id" = $1::integer`,
};

type JsonRow = Record<string, unknown>;
type ViewRow = Omit<RelayTicket, "contact"> & {
  contact: JsonRow;
  municipalityName: string | null;
  quiet: boolean;
  cardMessages: JsonRow[] | null;
  message: JsonRow | null;
  later: JsonRow[] | null;
};

// JSON carries timestamp(3) without zone as "2026-12-03T06:49:59.123": UTC, as Prisma writes.
const utc = (value: unknown): Date | null =>
  typeof value === "string" ? new Date(`${value}Z`) : null;

function withDates<T>(row: JsonRow, fields: string[]): T {
  const out: JsonRow = { ...row };
  for (const field of fields) out[field] = utc(row[field]);
  return out as T;
}

const toMessage = (row: JsonRow) => withDates<Message>(row, ["createdAt", "editedAt"]);

const notFound = (ticketId: number) =>
  new CoreError(
    "TICKET_NOT_FOUND",
    `The staff relay has a row for ticket id ${ticketId}, which is not in the database.`,
  );

export async function loadRelayView(
  db: Db,
  ticketId: number,
  options: RelayViewOptions,
): Promise<RelayView> {
  const pool = poolOf(db);
  if (!pool) return loadRelayViewWithPrisma(db, ticketId, options);
  const [row] = await sql<ViewRow>(pool, relayViewSql, [
    ticketId,
    options.card ?? false,
    options.chatId,
    options.messageId ?? null,
  ]);
  if (!row) throw notFound(ticketId);
  const { contact, municipalityName, quiet, cardMessages, message, later, ...ticket } = row;
  return {
    ticket: {
      ...ticket,
      contact: withDates(contact, [
        "municipalityAskedAt",
        "blockedAt",
        "lastAckAt",
        "createdAt",
        "updatedAt",
      ]),
    },
    municipalityName,
    quiet,
    cardMessages: cardMessages?.map(toMessage) ?? null,
    message: message ? toMessage(message) : null,
    later: later?.map(toMessage) ?? [],
  };
}

/** The same view through Prisma, for a client without a registered pool (and as reference). */
export async function loadRelayViewWithPrisma(
  db: Db,
  ticketId: number,
  options: RelayViewOptions,
): Promise<RelayView> {
  const found = await db.ticket.findUnique({
    where: { id: ticketId },
    include: { contact: true, municipality: true },
  });
  if (!found) throw notFound(ticketId);
  const { municipality, ...ticket } = found;
  const links = await db.incidentLink.findMany({
    where: { ticketId },
    include: { incident: true },
  });
  const quiet =
    ticket.relayCardMessageId === null &&
    links.some(
      (l) => l.incident.status === "open" || ["resolved", "closed"].includes(ticket.status),
    ) &&
    !links.some((l) => l.topicWanted);
  const wantCard =
    (options.card ?? false) ||
    ticket.relayCardMessageId === null ||
    ticket.relayChatId !== options.chatId;
  const messageId = options.messageId;
  return {
    ticket,
    municipalityName: municipality?.name ?? null,
    quiet,
    cardMessages: wantCard
      ? await db.message.findMany({
          where: { ticketId, direction: "in" },
          orderBy: { id: "asc" },
          take: CARD_MESSAGES,
        })
      : null,
    message:
      messageId === undefined ? null : await db.message.findUnique({ where: { id: messageId } }),
    later:
      messageId === undefined
        ? []
        : await db.message.findMany({
            where: { ticketId, direction: "in", relayMessageId: null, id: { gt: messageId } },
            orderBy: { id: "asc" },
            take: MAX_COMBINED - 1,
          }),
  };
}
