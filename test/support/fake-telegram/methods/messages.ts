import type { Message } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";
import { formatCaption, formatMessageText } from "../entities/formatted-text.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { unixTime } from "../env.js";
import { commitBotMessage } from "../outgoing/compose.js";
import { parseReplyMarkup } from "../outgoing/reply-markup.js";
import {
  captionFields,
  extraFields,
  sendFields,
  textFields,
  userLookup,
} from "../outgoing/send-params.js";
import { assertCanWrite, resolveChat, resolveSendTarget } from "../outgoing/send-target.js";
import { chatId, entities, float, int, json, parseParams, str } from "../params.js";
import type { Dialog } from "../state/messages.js";

const textParams = { text: str().default(""), parse_mode: str().optional(), entities: entities() };

function sendMessage(ctx: MethodContext): Message {
  const params = parseParams(z.object({ ...sendFields, ...textParams }), ctx.params);
  const formatted = formatMessageText(
    { text: params.text, parseMode: params.parse_mode, entities: params.entities },
    userLookup(ctx),
  );
  const markup = parseReplyMarkup(params.reply_markup);
  const target = resolveSendTarget(ctx, params);
  return commitBotMessage(ctx, target, {
    ...textFields(formatted),
    ...extraFields(markup, params.protect_content),
  });
}

function sendLocation(ctx: MethodContext): Message {
  const params = parseParams(
    z.object({ ...sendFields, latitude: float(), longitude: float() }),
    ctx.params,
  );
  const markup = parseReplyMarkup(params.reply_markup);
  const target = resolveSendTarget(ctx, params);
  const location = { latitude: params.latitude, longitude: params.longitude };
  return commitBotMessage(ctx, target, {
    location,
    ...extraFields(markup, params.protect_content),
  });
}

const messageRef = {
  chat_id: chatId(),
  message_id: int().optional(),
  inline_message_id: str().optional(),
};

/** The bot's own message to edit, with Telegram's refusals. */
function editableMessage(
  ctx: MethodContext,
  ref: { chat_id: number | string; message_id?: number | undefined },
) {
  if (ref.message_id === undefined) throw badRequest("message identifier is not specified");
  const chat = resolveChat(ctx, ref.chat_id);
  assertCanWrite(ctx.bot, chat);
  const dialog = ctx.env.world.messages.dialog(chat, ctx.bot.user.id);
  const message = dialog.get(ref.message_id);
  if (!message) throw badRequest("message to edit not found");
  if (message.from?.id !== ctx.bot.user.id) throw badRequest("message can't be edited");
  return { dialog, message };
}

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Replaces a message's fields; keys set to undefined are removed, as an edit drops them. */
function saveEdit(
  ctx: MethodContext,
  dialog: Dialog,
  message: Message,
  changes: Partial<Message>,
): Message {
  const edited: Message = { ...message, ...changes, edit_date: unixTime(ctx.env) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) Reflect.deleteProperty(edited, key);
  }
  if (JSON.stringify(stripEditDate(edited)) === JSON.stringify(stripEditDate(message)))
    throw badRequest(NOT_MODIFIED);
  dialog.put(edited);
  return edited;
}

function stripEditDate(message: Message): Message {
  const { edit_date: _ignored, ...rest } = message;
  return rest;
}

function rejectInline(inlineMessageId: string | undefined): void {
  if (inlineMessageId) throw badRequest("inline messages are not supported by fake-telegram");
}

/** Editing text without reply_markup removes the keyboard, exactly as on Telegram. */
function editMessageText(ctx: MethodContext): Message {
  const params = parseParams(
    z.object({ ...messageRef, ...textParams, reply_markup: z.unknown().optional() }),
    ctx.params,
  );
  rejectInline(params.inline_message_id);
  const { dialog, message } = editableMessage(ctx, params);
  if (message.text === undefined) throw badRequest("there is no text in the message to edit");
  const formatted = formatMessageText(
    { text: params.text, parseMode: params.parse_mode, entities: params.entities },
    userLookup(ctx),
  );
  const markup = parseReplyMarkup(params.reply_markup);
  return saveEdit(ctx, dialog, message, {
    text: formatted.text,
    entities: formatted.entities.length > 0 ? formatted.entities : undefined,
    reply_markup: markup,
  });
}

function editMessageCaption(ctx: MethodContext): Message {
  const schema = z.object({
    ...messageRef,
    caption: str().default(""),
    parse_mode: str().optional(),
    caption_entities: entities(),
    reply_markup: z.unknown().optional(),
  });
  const params = parseParams(schema, ctx.params);
  rejectInline(params.inline_message_id);
  const { dialog, message } = editableMessage(ctx, params);
  if (!hasCaptionableMedia(message)) {
    throw badRequest("there is no caption in the message to edit");
  }
  const formatted = formatCaption(
    { text: params.caption, parseMode: params.parse_mode, entities: params.caption_entities },
    userLookup(ctx),
  );
  const fields = captionFields(formatted);
  return saveEdit(ctx, dialog, message, {
    caption: fields.caption,
    caption_entities: fields.caption_entities,
    reply_markup: parseReplyMarkup(params.reply_markup),
  });
}

function hasCaptionableMedia(message: Message): boolean {
  return Boolean(
    message.photo ??
    message.document ??
    message.video ??
    message.audio ??
    message.voice ??
    message.animation,
  );
}

function editMessageReplyMarkup(ctx: MethodContext): Message {
  const params = parseParams(
    z.object({ ...messageRef, reply_markup: z.unknown().optional() }),
    ctx.params,
  );
  rejectInline(params.inline_message_id);
  const { dialog, message } = editableMessage(ctx, params);
  return saveEdit(ctx, dialog, message, { reply_markup: parseReplyMarkup(params.reply_markup) });
}

/** A bot deletes its own messages anywhere, others' in private chats, and as a group admin. */
function deleteOne(
  ctx: MethodContext,
  dialog: Dialog,
  canDeleteOthers: boolean,
  messageId: number,
): void {
  const message = dialog.get(messageId);
  if (!message) throw badRequest("message to delete not found");
  const own = message.from?.id === ctx.bot.user.id;
  if ((!own && !canDeleteOthers) || message.forum_topic_created)
    throw badRequest("message can't be deleted");
  dialog.delete(messageId);
}

function deletionScope(
  ctx: MethodContext,
  id: number | string,
): { dialog: Dialog; canDeleteOthers: boolean } {
  const chat = resolveChat(ctx, id);
  const dialog = ctx.env.world.messages.dialog(chat, ctx.bot.user.id);
  if (chat.kind === "private") return { dialog, canDeleteOthers: true };
  const member = chat.members.get(ctx.bot.user.id);
  const admin = member?.status === "administrator" || member?.status === "creator";
  return { dialog, canDeleteOthers: admin && member.rights.canDeleteMessages };
}

function deleteMessage(ctx: MethodContext): true {
  const params = parseParams(z.object({ chat_id: chatId(), message_id: int() }), ctx.params);
  const scope = deletionScope(ctx, params.chat_id);
  deleteOne(ctx, scope.dialog, scope.canDeleteOthers, params.message_id);
  return true;
}

/** deleteMessages skips messages it can't find or delete, as Telegram does. */
function deleteMessages(ctx: MethodContext): true {
  const params = parseParams(
    z.object({ chat_id: chatId(), message_ids: json(z.array(z.number().int()).min(1).max(100)) }),
    ctx.params,
  );
  const scope = deletionScope(ctx, params.chat_id);
  for (const id of params.message_ids) {
    try {
      deleteOne(ctx, scope.dialog, scope.canDeleteOthers, id);
    } catch {
      // Telegram silently skips messages that can't be deleted.
    }
  }
  return true;
}

/** Sending and changing text messages. */
export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  sendLocation,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
};
