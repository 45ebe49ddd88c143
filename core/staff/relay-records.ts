import type { Contact, Db, Message, Ticket } from "../db/index.js";

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

/** A new topic: the card (and anything shown under it) belongs to the old one, if any. */
export async function recordTopic(
  db: Db,
  ticketId: number,
  place: { chatId: string; threadId: number },
): Promise<void> {
  await db.ticket.update({
    where: { id: ticketId },
    data: { relayChatId: place.chatId, relayThreadId: place.threadId, relayCardMessageId: null },
  });
}

/** The topic is gone (deleted in the group): the next post creates a new one. */
export async function forgetTopic(db: Db, ticketId: number): Promise<void> {
  await db.ticket.update({
    where: { id: ticketId },
    data: { relayThreadId: null, relayCardMessageId: null },
  });
}

/**
 * The card is posted. Text-only parent messages quoted in it count as shown (their
 * parent_message rows then post nothing), and replies to the card find the ticket.
 */
export async function recordCard(
  db: Db,
  ticketId: number,
  card: { chatId: string; messageId: number; quotedMessageIds: number[] },
): Promise<void> {
  await db.$transaction([
    db.ticket.update({
      where: { id: ticketId },
      data: { relayChatId: card.chatId, relayCardMessageId: card.messageId },
    }),
    db.message.updateMany({
      where: {
        id: { in: card.quotedMessageIds },
        relayMessageId: null,
        attachments: { equals: [] },
      },
      data: { relayMessageId: card.messageId },
    }),
  ]);
}

/** Parent messages now shown in the group, with the id of the message that shows them. */
export async function recordRelayed(
  db: Db,
  shown: { messageId: number; relayMessageId: number }[],
): Promise<void> {
  await db.$transaction(
    shown.map((s) =>
      db.message.update({ where: { id: s.messageId }, data: { relayMessageId: s.relayMessageId } }),
    ),
  );
}

export function loadMessage(db: Db, messageId: number): Promise<Message | null> {
  return db.message.findUnique({ where: { id: messageId } });
}

/** The parent's messages of one album, oldest first. */
export function albumMessages(db: Db, ticketId: number, mediaGroupId: string): Promise<Message[]> {
  return db.message.findMany({
    where: { ticketId, mediaGroupId, direction: "in" },
    orderBy: { id: "asc" },
  });
}

/** Messages quoted in a card whose files are not in the group yet. */
export function unshownFileMessages(db: Db, messageIds: number[]): Promise<Message[]> {
  return db.message.findMany({
    where: { id: { in: messageIds }, relayMessageId: null, NOT: { attachments: { equals: [] } } },
    orderBy: { id: "asc" },
  });
}

/** The parent's messages after `afterId` that the group has not shown yet, oldest first. */
export function laterUnshownMessages(
  db: Db,
  ticketId: number,
  afterId: number,
  take: number,
): Promise<Message[]> {
  return db.message.findMany({
    where: { ticketId, direction: "in", relayMessageId: null, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
  });
}
