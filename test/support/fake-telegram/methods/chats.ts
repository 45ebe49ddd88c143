import type { ChatFullInfo, ChatMember, User } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { assertCanWrite, assertMember, resolveChat } from "../outgoing/send-target.js";
import { bool, chatId, int, json, parseParams, str } from "../params.js";
import { chatObject, membership, type Membership } from "../state/chats.js";
import { ALLOWED_REACTIONS } from "./reactions.js";

function getChat(ctx: MethodContext): ChatFullInfo {
  const params = parseParams(z.object({ chat_id: chatId() }), ctx.params);
  const chat = resolveChat(ctx, params.chat_id);
  if (chat.kind !== "private") assertMember(ctx.bot, chat);
  const extra = {
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: false,
      limited_gifts: false,
      unique_gifts: false,
      premium_subscription: false,
      gifts_from_channels: false,
    },
  };
  return { ...chatObject(chat), ...extra };
}

/** The ChatMember object for a status, with the rights the fake tracks. */
function memberObject(user: User, member: Membership): ChatMember {
  switch (member.status) {
    case "creator":
      return { status: "creator", user, is_anonymous: false };
    case "administrator":
      return {
        status: "administrator",
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: member.rights.canDeleteMessages,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: member.rights.canPinMessages,
        can_manage_topics: member.rights.canManageTopics,
        can_send_welcome_messages: false,
      };
    case "restricted": {
      const may = member.rights.canSendMessages ?? false;
      return {
        status: "restricted",
        user,
        is_member: true,
        can_send_messages: may,
        can_send_audios: may,
        can_send_documents: may,
        can_send_photos: may,
        can_send_videos: may,
        can_send_video_notes: may,
        can_send_voice_notes: may,
        can_send_polls: may,
        can_send_other_messages: may,
        can_add_web_page_previews: may,
        can_react_to_messages: may,
        can_change_info: false,
        can_invite_users: false,
        can_edit_tag: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      };
    }
    case "kicked":
      return { status: "kicked", user, until_date: 0 };
    case "left":
      return { status: "left", user };
    default:
      return { status: "member", user };
  }
}

function getChatMember(ctx: MethodContext): ChatMember {
  const params = parseParams(z.object({ chat_id: chatId(), user_id: int() }), ctx.params);
  const chat = resolveChat(ctx, params.chat_id);
  const user = ctx.env.world.users.get(params.user_id);
  if (!user) throw badRequest("user not found");
  if (chat.kind === "private") {
    const inChat = user.id === chat.id || user.id === ctx.bot.user.id;
    return memberObject(user, membership(inChat ? "member" : "left"));
  }
  assertMember(ctx.bot, chat);
  return memberObject(user, chat.members.get(user.id) ?? membership("left"));
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

function sendChatAction(ctx: MethodContext): true {
  const schema = z.object({
    chat_id: chatId(),
    action: str().default(""),
    message_thread_id: int().optional(),
  });
  const params = parseParams(schema, ctx.params);
  if (!CHAT_ACTIONS.has(params.action)) throw badRequest("wrong parameter action in request");
  const chat = resolveChat(ctx, params.chat_id);
  assertCanWrite(ctx.bot, chat);
  const record = {
    botId: ctx.bot.user.id,
    chatId: chat.id,
    action: params.action,
    at: ctx.env.clock(),
  };
  ctx.env.world.chatActions.push(
    params.message_thread_id ? { ...record, threadId: params.message_thread_id } : record,
  );
  return true;
}

const reactionSchema = z.looseObject({ type: z.string(), emoji: z.string().optional() });

/** Bots may set one reaction per message, from Telegram's fixed emoji list. */
function setMessageReaction(ctx: MethodContext): true {
  const schema = z.object({
    chat_id: chatId(),
    message_id: int(),
    reaction: json(z.array(reactionSchema)).optional(),
    is_big: bool().optional(),
  });
  const params = parseParams(schema, ctx.params);
  const chat = resolveChat(ctx, params.chat_id);
  assertCanWrite(ctx.bot, chat);
  const message = ctx.env.world.messages.dialog(chat, ctx.bot.user.id).get(params.message_id);
  if (!message) throw badRequest("message to react not found");
  const reaction = params.reaction ?? [];
  if (reaction.length > 1) throw badRequest("REACTIONS_TOO_MANY");
  for (const r of reaction) {
    if (r.type === "emoji" && !ALLOWED_REACTIONS.has(r.emoji ?? ""))
      throw badRequest("REACTION_INVALID");
  }
  ctx.env.world.reactions.push({
    botId: ctx.bot.user.id,
    chatId: chat.id,
    messageId: params.message_id,
    reaction,
    isBig: params.is_big ?? false,
    at: ctx.env.clock(),
  });
  return true;
}

function leaveChat(ctx: MethodContext): true {
  const params = parseParams(z.object({ chat_id: chatId() }), ctx.params);
  const chat = resolveChat(ctx, params.chat_id);
  if (chat.kind === "private")
    throw badRequest("chat member status can't be changed in private chats");
  assertMember(ctx.bot, chat);
  chat.members.set(ctx.bot.user.id, membership("left"));
  return true;
}

/** Chat information, membership, typing indicators and reactions. */
export const chatMethods: Record<string, MethodHandler> = {
  getChat,
  getChatMember,
  sendChatAction,
  setMessageReaction,
  leaveChat,
};
