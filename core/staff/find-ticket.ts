import type { Db, Ticket } from "../db/index.js";

/** The ticket a staff-group message belongs to: by forum topic, or (groups without topics) by reply. */
export async function findTicketForStaffMessage(
  db: Db,
  where: { chatId: string; threadId?: number; replyToMessageId?: number },
): Promise<Ticket | null> {
  if (where.threadId !== undefined) {
    const byTopic = await db.ticket.findFirst({
      where: { relayChatId: where.chatId, relayThreadId: where.threadId },
      orderBy: { id: "desc" },
    });
    if (byTopic) return byTopic;
  }
  if (where.replyToMessageId === undefined) return null;
  const byCard = await db.ticket.findFirst({
    where: { relayChatId: where.chatId, relayCardMessageId: where.replyToMessageId },
  });
  if (byCard) return byCard;
  const message = await db.message.findFirst({
    where: { relayMessageId: where.replyToMessageId, ticket: { relayChatId: where.chatId } },
    include: { ticket: true },
  });
  return message?.ticket ?? null;
}
