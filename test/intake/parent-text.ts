import type { InboundMessage } from "../../core/tickets/inbound-message.js";

let seq = 0;

/** A parent's Telegram text message with fresh dedupe keys (update id, chat + message id). */
export function parentText(userId: string, text: string): InboundMessage {
  seq++;
  return {
    channel: "telegram",
    externalUserId: userId,
    chatId: userId,
    eventKeys: [`tg:u:${seq}`, `tg:m:${userId}:${seq}`],
    externalMessageId: String(seq),
    text,
    profile: { displayName: "Мария", languageCode: "ru" },
  };
}
