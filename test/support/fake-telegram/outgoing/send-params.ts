import type { InlineKeyboardMarkup, MessageEntity, User } from "grammy/types";
import { z } from "zod";
import type { MethodContext } from "../env.js";
import type { FormattedText } from "../entities/formatted-text.js";
import { bool, chatId, int, replyParameters } from "../params.js";
import type { MessageContent } from "./compose.js";

/** Parameters every send method shares: target, thread, reply, markup, protection. */
export const sendFields = {
  chat_id: chatId(),
  message_thread_id: int().optional(),
  reply_to_message_id: int().optional(),
  allow_sending_without_reply: bool().optional(),
  reply_parameters: replyParameters(),
  reply_markup: z.unknown().optional(),
  protect_content: bool().optional(),
  disable_notification: bool().optional(),
};

/** Finds users for text_mention entities. */
export function userLookup(ctx: MethodContext): (id: number) => User | undefined {
  return (id) => ctx.env.world.users.get(id);
}

/** `text` + `entities` message fields (entities omitted when there are none, as Telegram does). */
export function textFields(formatted: FormattedText): { text: string; entities?: MessageEntity[] } {
  return formatted.entities.length > 0
    ? { text: formatted.text, entities: formatted.entities }
    : { text: formatted.text };
}

/** `caption` + `caption_entities` fields, or nothing without a caption. */
export function captionFields(formatted: FormattedText | undefined): MessageContent {
  if (!formatted) return {};
  return formatted.entities.length > 0
    ? { caption: formatted.text, caption_entities: formatted.entities }
    : { caption: formatted.text };
}

/** Optional envelope extras: inline keyboard and protected content. */
export function extraFields(
  markup: InlineKeyboardMarkup | undefined,
  protect: boolean | undefined,
): MessageContent {
  const fields: MessageContent = {};
  if (markup) fields.reply_markup = markup;
  if (protect) fields.has_protected_content = true;
  return fields;
}
