import type { Tx } from "../db/index.js";
import type { OutboundChannel, ParentOutbound, RelayOutbound } from "./outbound-message.js";

export interface OutboundRecord {
  channel: OutboundChannel;
  /** Delivery order is kept per key: the parent's chat, or the staff group. */
  chatKey: string;
  payload: ParentOutbound | RelayOutbound;
  ticketId?: number;
  messageId?: number;
  /** A producer-chosen key that makes the write idempotent (e.g. "breach-12-…"). */
  dedupeKey?: string;
  notBefore?: Date;
}

/**
 * Writes an outgoing message into the outbox inside the caller's transaction, so it is
 * sent if and only if the change that caused it commits. Returns the row id, or null
 * when a row with the same dedupe key exists already.
 */
export async function recordOutbound(tx: Tx, record: OutboundRecord): Promise<number | null> {
  if (record.dedupeKey) {
    const rows = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO "Outbox" ("channel", "chatKey", "payload", "ticketId", "messageId", "dedupeKey", "notBefore")
      VALUES (${record.channel}, ${record.chatKey}, ${JSON.stringify(record.payload)}::jsonb,
              ${record.ticketId ?? null}, ${record.messageId ?? null}, ${record.dedupeKey}, ${record.notBefore ?? null})
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "id"`;
    return rows[0]?.id ?? null;
  }
  const row = await tx.outbox.create({
    data: {
      channel: record.channel,
      chatKey: record.chatKey,
      payload: record.payload,
      ticketId: record.ticketId,
      messageId: record.messageId,
      notBefore: record.notBefore,
    },
    select: { id: true },
  });
  return row.id;
}

/** The ordering key of a parent's chat on a channel. */
export function parentChatKey(channel: "telegram" | "vk", chatId: string): string {
  return `${channel}:${chatId}`;
}

export const relayChatKey = "relay:group";
