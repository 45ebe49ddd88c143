import type { Db } from "../../core/db/index.js";

/**
 * Everything one parent's messages left in the database (contact, tickets with their
 * messages, lookups, outbox rows to the parent and to the topic), with ids, times and the parent's own chat id replaced by positions and
 * placeholders, so the same scenario run by two parents (one on the hot path, one on the
 * general path) can be compared with toEqual.
 */
export async function parentRows(db: Db, userId: string) {
  const contact = await db.contact.findUniqueOrThrow({
    where: { channel_externalId: { channel: "telegram", externalId: userId } },
    include: {
      tickets: {
        orderBy: { id: "asc" },
        include: { messages: { orderBy: { id: "asc" } } },
      },
    },
  });
  const lookups = await db.faqLookup.findMany({
    where: { contactId: contact.id },
    orderBy: { id: "asc" },
  });
  const outbox = await db.outbox.findMany({
    where: {
      OR: [
        { chatKey: `telegram:${userId}` },
        { ticketId: { in: contact.tickets.map((x) => x.id) } },
      ],
    },
    orderBy: { id: "asc" },
  });
  const ticketIds = new Map(contact.tickets.map((x, i) => [x.id, i]));
  const lookupIds = new Map(lookups.map((x, i) => [x.id, i]));
  const messages = contact.tickets.flatMap((x) => x.messages);
  const messageIds = new Map(messages.map((m, i) => [m.id, i]));
  const ticket = (id: number | null) => (id === null ? null : `T${ticketIds.get(id)}`);
  // Ids differ between the two runs; they are replaced by their position.
  const stable = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value)
        .replace(/"fh:(\d+):/g, (_, id: string) => `"fh:L${lookupIds.get(Number(id))}:`)
        .replace(
          /"(fo|ro|rt|cat):(\d+)/g,
          (_, k: string, id: string) => `"${k}:${ticket(Number(id))}`,
        )
        .replace(/"ticketId":(\d+)/g, (_, id: string) => `"ticketId":"${ticket(Number(id))}"`)
        .replace(
          /"messageId":(\d+)/g,
          (_, id: string) => `"messageId":"M${messageIds.get(Number(id))}"`,
        )
        .replace(/"messageId":"\d+"/g, '"messageId":"chat message"')
        .replace(/№\d+/g, "№N")
        // Deadlines shown to the parent: the two runs may straddle a minute.
        .replace(/\b\d{2}:\d{2}\b/g, "HH:MM"),
    );
  return {
    contact: {
      locale: contact.locale,
      municipalityAskedAt: contact.municipalityAskedAt !== null,
      lastAck: contact.lastAckAt !== null,
    },
    tickets: contact.tickets.map((x) => ({
      category: x.category,
      status: x.status,
      subject: x.subject,
      faqOffered: x.faqOffered,
      holdThanksPending: x.holdThanksPending,
      closed: x.closedAt !== null,
      rated: [x.rating, x.ratedAt !== null],
      resolved: x.resolvedAt !== null,
      firstResponded: x.firstResponseAt !== null,
      // Deadlines relative to the ticket's creation (both runs use the same SLA policy).
      firstDueIn: x.firstResponseDueAt.getTime() - x.createdAt.getTime(),
      hasResponseDue: x.responseDueAt !== null,
      messages: x.messages.map((m) => [
        m.direction,
        m.text,
        m.externalChatId === userId,
        m.externalMessageId !== null,
      ]),
    })),
    lookups: lookups.map((l) => ({
      outcome: l.outcome,
      bestSlug: l.bestSlug,
      score: l.score,
      runnerUpSlug: l.runnerUpSlug,
      normalized: l.normalized,
      channel: l.channel,
      ticket: ticket(l.ticketId),
      text: l.text,
    })),
    outbox: outbox.map((o) => ({
      channel: o.channel,
      chatKey: o.chatKey.replace(userId, "PARENT"),
      status: o.status,
      dedupeKey: o.dedupeKey,
      notBefore: o.notBefore !== null,
      ticket: ticket(o.ticketId),
      message: o.messageId === null ? null : messageIds.get(o.messageId),
      payload: stable(o.payload),
    })),
  };
}
