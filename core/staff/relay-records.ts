import { type Contact, type Db, type Message, sqlOnDb, type Ticket } from "../db/index.js";

/**
 * What the staff relay reads and records while it delivers: where a ticket lives in the
 * staff group (topic, card) and which parent messages are already shown there, so a
 * retried or replayed delivery resumes instead of posting twice.
 */
export type RelayTicket = Ticket & { contact: Contact };

/** The ticket's line (category), or null when the ticket is gone. */
export async function ticketLineOf(db: Db, ticketId: number): Promise<string | null> {
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: { category: true },
  });
  return ticket?.category ?? null;
}

export function loadRelayTicket(db: Db, ticketId: number): Promise<RelayTicket> {
  return db.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { contact: true } });
}

/**
 * Where the ticket now lives in a staff group, in one statement: a new topic (the card
 * and anything shown under it belonged to the old one), or a card just posted. Text-only
 * parent messages quoted in the card count as shown (their parent_message rows then post
 * nothing), and replies to the card find the ticket. Recorded after each post (topic, then
 * card), so a delivery repeated after a crash resumes instead of opening a second topic.
 * The ticket's `updatedAt` stays: it is the version the parent's follow-up checks
 * (core/intake hot-followup), and the relay's bookkeeping is no activity on the ticket.
 */
export async function recordPlace(
  db: Db,
  ticketId: number,
  place:
    | { chatId: string; threadId: number }
    | { chatId: string; cardMessageId: number; quotedMessageIds: number[] },
): Promise<void> {
  const topic = "threadId" in place;
  const values = [
    ticketId,
    place.chatId,
    topic,
    topic ? place.threadId : null,
    topic ? null : place.cardMessageId,
    topic ? [] : place.quotedMessageIds,
  ];
  await sqlOnDb(db, recordPlaceSql, values);
}

export const recordPlaceSql = {
  name: "relay_record_place",
  text: `
WITH t AS (
  UPDATE "Ticket" SET "relayChatId" = $2::text,
    "relayThreadId" = CASE WHEN $3::boolean THEN $4::integer ELSE "relayThreadId" END,
    "relayCardMessageId" = $5::integer
  WHERE "id" = $1::integer
  RETURNING "id"
)
UPDATE "Message" SET "relayMessageId" = $5::integer
WHERE $5::integer IS NOT NULL AND "id" = ANY($6::integer[]) AND "relayMessageId" IS NULL
  AND "attachments" = '[]'::jsonb AND EXISTS (SELECT 1 FROM t)`,
};

/** The topic is gone (deleted in the group): the next post creates a new one. */
export async function forgetTopic(db: Db, ticketId: number): Promise<void> {
  await db.ticket.update({
    where: { id: ticketId },
    data: { relayThreadId: null, relayCardMessageId: null },
  });
}

/** Parent messages now shown in the group, with the id of the message that shows them. */
export async function recordRelayed(
  db: Db,
  shown: { messageId: number; relayMessageId: number }[],
): Promise<void> {
  if (shown.length === 0) return;
  const values = [shown.map((s) => s.messageId), shown.map((s) => s.relayMessageId)];
  await sqlOnDb(db, recordRelayedSql, values);
}

export const recordRelayedSql = {
  name: "relay_record_relayed",
  text: `
UPDATE "Message" m SET "relayMessageId" = s."relayMessageId"
FROM unnest($1::integer[], $2::integer[]) AS s("id", "relayMessageId")
WHERE m."id" = s."id"`,
};

/** The parent's messages of one album, oldest first. */
export function albumMessages(db: Db, ticketId: number, mediaGroupId: string): Promise<Message[]> {
  return db.message.findMany({
    where: { ticketId, mediaGroupId, direction: "in" },
    orderBy: { id: "asc" },
  });
}
