import type { Db, Outbox } from "../db/index.js";
import type { Clock } from "../shared/index.js";
import type { DeliveryError } from "./delivery-error.js";
import { recordOutbound, relayChatKey } from "./record-outbound.js";

/**
 * What happens when a message can never be delivered: a parent who blocked the bot (or
 * forbade community messages) is marked so the staff see it and sends stop, the rest of
 * that chat's queue is closed with the same reason, and the agents get a notice in the
 * ticket's topic. Returns the ids of new outbox rows to dispatch.
 */
export async function recordDeliveryFailure(
  db: Db,
  clock: Clock,
  row: Outbox,
  error: DeliveryError,
  options: { relayEnabled: boolean },
): Promise<number[]> {
  if (row.channel === "relay") return [];
  const [channel, externalId] = splitChatKey(row.chatKey);
  return db.$transaction(async (tx) => {
    if (error.code === "RECIPIENT_BLOCKED" || error.code === "CHAT_NOT_FOUND") {
      await tx.contact.updateMany({
        where: { channel: channel as "telegram" | "vk", externalId, blockedAt: null },
        data: { blockedAt: clock.now(), blockedReason: error.code },
      });
      await tx.outbox.updateMany({
        where: { chatKey: row.chatKey, status: "pending", id: { gt: row.id } },
        data: {
          status: "failed",
          errorCode: error.code,
          errorMessage: "not sent: the parent cannot receive messages",
        },
      });
    }
    if (!options.relayEnabled || row.ticketId === null) return [];
    const id = await recordOutbound(tx, {
      channel: "relay",
      chatKey: relayChatKey,
      payload: {
        op: "notice",
        ticketId: row.ticketId,
        key: "relay-notice-delivery-failed",
        args: { code: error.code },
      },
      ticketId: row.ticketId,
      dedupeKey: `delivery-failed-${row.id}`,
    });
    return id === null ? [] : [id];
  });
}

function splitChatKey(chatKey: string): [string, string] {
  const at = chatKey.indexOf(":");
  return [chatKey.slice(0, at), chatKey.slice(at + 1)];
}
