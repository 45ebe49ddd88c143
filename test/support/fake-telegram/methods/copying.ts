import type { Message, MessageId } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";
import { formatCaption } from "../entities/formatted-text.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { commitBotMessage, type MessageContent } from "../outgoing/compose.js";
import { parseReplyMarkup } from "../outgoing/reply-markup.js";
import { captionFields, extraFields, sendFields, userLookup } from "../outgoing/send-params.js";
import {
  assertMember,
  resolveChat,
  resolveSendTarget,
  type SendTarget,
} from "../outgoing/send-target.js";
import { bool, chatId, entities, int, json, parseParams, str } from "../params.js";

/** Service messages (topic created, member joined...) can't be copied or forwarded. */
const SERVICE_KEYS = [
  "forum_topic_created",
  "forum_topic_edited",
  "forum_topic_closed",
  "forum_topic_reopened",
];

/** Finds a message in a chat the bot can read: 400 "message to copy not found" otherwise. */
function sourceMessage(
  ctx: MethodContext,
  fromChatId: number | string,
  messageId: number,
  verb: string,
): Message {
  const chat = resolveChat(ctx, fromChatId);
  if (chat.kind !== "private") assertMember(ctx.bot, chat);
  const message = ctx.env.world.messages.dialog(chat, ctx.bot.user.id).get(messageId);
  if (!message) throw badRequest(`message to ${verb} not found`);
  if (SERVICE_KEYS.some((key) => key in message))
    throw badRequest(`message can't be ${verb === "copy" ? "copied" : "forwarded"}`);
  if (message.has_protected_content)
    throw badRequest(
      `message has protected content and can't be ${verb === "copy" ? "copied" : "forwarded"}`,
    );
  return message;
}

/** The content of a message without its envelope (what a copy carries over). */
function contentOf(message: Message): MessageContent {
  const {
    message_id: _id,
    date: _date,
    chat: _chat,
    from: _from,
    sender_chat: _senderChat,
    message_thread_id: _thread,
    is_topic_message: _isTopic,
    reply_to_message: _reply,
    edit_date: _editDate,
    media_group_id: _group,
    reply_markup: _markup,
    has_protected_content: _protected,
    author_signature: _signature,
    via_bot: _viaBot,
    forward_origin: _origin,
    is_automatic_forward: _automatic,
    ...content
  } = message;
  return content;
}

function isMedia(message: Message): boolean {
  return Boolean(
    message.photo ??
    message.document ??
    message.video ??
    message.audio ??
    message.voice ??
    message.animation,
  );
}

const copyFields = {
  ...sendFields,
  from_chat_id: chatId("from_chat_id"),
  message_id: int(),
  caption: str().optional(),
  parse_mode: str().optional(),
  caption_entities: entities(),
};

/** copyMessage: the content, no link to the original; answers only the new message_id. */
function copyMessage(ctx: MethodContext): MessageId {
  const params = parseParams(z.object(copyFields), ctx.params);
  const markup = parseReplyMarkup(params.reply_markup);
  const target = resolveSendTarget(ctx, params);
  const source = sourceMessage(ctx, params.from_chat_id, params.message_id, "copy");
  let content = contentOf(source);
  if (params.caption !== undefined && isMedia(source)) {
    const { caption: _caption, caption_entities: _entities, ...rest } = content;
    const caption = formatCaption(
      { text: params.caption, parseMode: params.parse_mode, entities: params.caption_entities },
      userLookup(ctx),
    );
    content = { ...rest, ...captionFields(caption) };
  }
  const copy = commitBotMessage(ctx, target, {
    ...content,
    ...extraFields(markup, params.protect_content),
  });
  return { message_id: copy.message_id };
}

const batchFields = {
  ...sendFields,
  from_chat_id: chatId("from_chat_id"),
  message_ids: json(z.array(z.number().int()).min(1).max(100)),
  remove_caption: bool().optional(),
};

/** copyMessages / forwardMessages keep albums together under new media_group_ids. */
function copyBatch(ctx: MethodContext, verb: "copy" | "forward"): MessageId[] {
  const params = parseParams(z.object(batchFields), ctx.params);
  const target = resolveSendTarget(ctx, params);
  const groups = new Map<string, string>();
  const ids = [...new Set(params.message_ids)].sort((a, b) => a - b);
  const sources = ids.flatMap((id) => {
    try {
      return [sourceMessage(ctx, params.from_chat_id, id, verb)];
    } catch {
      return []; // Telegram skips messages it can't copy and copies the rest.
    }
  });
  if (sources.length === 0) throw badRequest(`messages to ${verb} not found`);
  return sources.map((source) => {
    let content = verb === "copy" ? contentOf(source) : forwardContent(source);
    if (params.remove_caption && verb === "copy") {
      const { caption: _c, caption_entities: _e, ...rest } = content;
      content = rest;
    }
    if (source.media_group_id) content.media_group_id = regroup(ctx, groups, source.media_group_id);
    return { message_id: commitBotMessage(ctx, target, content).message_id };
  });
}

function regroup(ctx: MethodContext, groups: Map<string, string>, original: string): string {
  let id = groups.get(original);
  if (!id) {
    id = ctx.env.world.newMediaGroupId();
    groups.set(original, id);
  }
  return id;
}

/** A forward keeps the content and says where it came from. */
function forwardContent(source: Message): MessageContent {
  const content = contentOf(source);
  if (source.forward_origin) content.forward_origin = source.forward_origin;
  else if (source.from)
    content.forward_origin = { type: "user", sender_user: source.from, date: source.date };
  return content;
}

function forwardMessage(ctx: MethodContext): Message {
  const params = parseParams(
    z.object({ ...sendFields, from_chat_id: chatId("from_chat_id"), message_id: int() }),
    ctx.params,
  );
  const target: SendTarget = resolveSendTarget(ctx, params);
  const source = sourceMessage(ctx, params.from_chat_id, params.message_id, "forward");
  return commitBotMessage(ctx, target, {
    ...forwardContent(source),
    ...extraFields(undefined, params.protect_content),
  });
}

/** Copying and forwarding between chats (the relay's main tools). */
export const copyingMethods: Record<string, MethodHandler> = {
  copyMessage,
  copyMessages: (ctx) => copyBatch(ctx, "copy"),
  forwardMessage,
  forwardMessages: (ctx) => copyBatch(ctx, "forward"),
};
