import { Composer, type Context } from "grammy";
import type { Message, User } from "grammy/types";
import type { Core } from "../../core/runtime/index.js";
import { attachmentsOf, displayName, isSupported } from "./to-inbound.js";

/**
 * Private chats only: /start, /help, /status, /faq, texts and files go to core; anything
 * else (stickers, locations, polls…) gets one polite line. Button presses are answered at
 * once with a short toast. Groups are left alone.
 */
export function parentHandlers(core: Core, botId: () => number): Composer<Context> {
  const composer = new Composer<Context>();
  const privateChats = composer.chatType("private");

  const profile = (user: User) => ({
    displayName: displayName(user),
    username: user.username,
    languageCode: user.language_code,
  });
  const eventKeys = (ctx: Context, message: Message) => [
    `tg:${botId()}:u:${ctx.update.update_id}`,
    `tg:c:${message.chat.id}:m:${message.message_id}`,
  ];

  for (const command of ["start", "help", "status", "faq"] as const) {
    privateChats.command(command, async (ctx) => {
      await core.runCommand(command, {
        channel: "telegram",
        externalUserId: String(ctx.from.id),
        eventKeys: eventKeys(ctx, ctx.msg),
        profile: profile(ctx.from),
      });
    });
  }

  privateChats.on("message", async (ctx) => {
    const message = ctx.msg;
    if (!isSupported(message)) {
      await core.runCommand("unsupported", {
        channel: "telegram",
        externalUserId: String(ctx.from.id),
        eventKeys: eventKeys(ctx, message),
        profile: profile(ctx.from),
      });
      return;
    }
    await core.receiveMessage({
      channel: "telegram",
      externalUserId: String(ctx.from.id),
      chatId: String(message.chat.id),
      eventKeys: eventKeys(ctx, message),
      externalMessageId: String(message.message_id),
      text: message.text ?? message.caption ?? "",
      attachments: attachmentsOf(message),
      mediaGroupId: message.media_group_id,
      profile: profile(ctx.from),
    });
  });

  privateChats.on("edited_message", async (ctx) => {
    const message = ctx.editedMessage;
    await core.receiveEdit({
      channel: "telegram",
      externalUserId: String(ctx.from.id),
      externalMessageId: String(message.message_id),
      text: message.text ?? message.caption ?? "",
      eventKeys: [`tg:${botId()}:u:${ctx.update.update_id}`],
    });
  });

  composer.on("callback_query:data", async (ctx) => {
    const reply = await core.handleAction({
      channel: "telegram",
      externalUserId: String(ctx.from.id),
      eventKey: `tg:cb:${ctx.callbackQuery.id}`,
      data: ctx.callbackQuery.data,
      profile: profile(ctx.from),
    });
    // The spinner on the button stops by itself after a while; a failed answer loses nothing.
    await ctx
      .answerCallbackQuery(reply.toast ? { text: reply.toast } : undefined)
      .catch(() => undefined);
    if (reply.removeButtons && ctx.callbackQuery.message) {
      // The answer is already queued; a failed cosmetic edit (message too old) is not worth a retry.
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    }
  });

  composer.on("my_chat_member", async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const status = ctx.myChatMember.new_chat_member.status;
    await core.setReachability({
      channel: "telegram",
      externalUserId: String(ctx.chat.id),
      blocked: status === "kicked",
    });
  });

  return composer;
}
