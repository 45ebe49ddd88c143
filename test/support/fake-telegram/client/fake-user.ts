import type { CallbackQuery, Message, Update, User } from "grammy/types";
import { deliverUpdate, type FakeEnv } from "../env.js";
import type { CallbackAnswer } from "../state/callbacks.js";
import { userMedia, userPoll, type FileOptions } from "./incoming-media.js";
import {
  injectEdit,
  injectMessage,
  locate,
  textContent,
  type ChatTarget,
  type Injected,
  type MessageOptions,
} from "./injector.js";

/** Options of media messages: file details plus an optional caption. */
export type MediaOptions = MessageOptions & FileOptions & { caption?: string };

/** One item of an album. */
export interface AlbumItem extends FileOptions {
  type: "photo" | "video" | "document";
  caption?: string;
}

/** A button press and what the bot answered (read `answer()` after the bot ran). */
export interface InjectedCallback {
  update: Update | undefined;
  query: CallbackQuery;
  /** The bot's answerCallbackQuery parameters, once it answered. */
  answer(): CallbackAnswer | undefined;
}

/**
 * A person the test plays (a parent or an agent): everything they "do" becomes the
 * Message and Update real Telegram would produce, queued for the bots that see it.
 */
export class FakeUser {
  constructor(
    private readonly env: FakeEnv,
    readonly user: User,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /** A text message; "/start" and other commands get their bot_command entity. */
  sendText(to: ChatTarget, text: string, options: MessageOptions = {}): Injected {
    return injectMessage(this.env, this.user, to, textContent(text), options);
  }

  /** A photo (two PhotoSize entries, largest last). */
  sendPhoto(to: ChatTarget, options: MediaOptions = {}): Injected {
    return this.media(to, "photo", options);
  }

  sendDocument(to: ChatTarget, options: MediaOptions = {}): Injected {
    return this.media(to, "document", options);
  }

  sendVoice(to: ChatTarget, options: MediaOptions = {}): Injected {
    return this.media(to, "voice", options);
  }

  sendVideo(to: ChatTarget, options: MediaOptions = {}): Injected {
    return this.media(to, "video", options);
  }

  sendSticker(to: ChatTarget, options: MessageOptions & { emoji?: string } = {}): Injected {
    return injectMessage(
      this.env,
      this.user,
      to,
      userMedia(this.env.world.files, "sticker", options),
      options,
    );
  }

  sendLocation(
    to: ChatTarget,
    location: { latitude: number; longitude: number },
    options: MessageOptions = {},
  ) {
    return injectMessage(this.env, this.user, to, { location }, options);
  }

  sendPoll(
    to: ChatTarget,
    poll: { question: string; options: string[] },
    options: MessageOptions = {},
  ): Injected {
    const id = this.env.world.callbacks.nextId();
    return injectMessage(
      this.env,
      this.user,
      to,
      { poll: userPoll(id, poll.question, poll.options) },
      options,
    );
  }

  /** An album: one message and one update per item, all sharing a media_group_id. */
  sendAlbum(to: ChatTarget, items: AlbumItem[], options: MessageOptions = {}): Injected[] {
    if (items.length < 2 || items.length > 10)
      throw new Error("fake-telegram: an album has 2-10 items");
    const mediaGroupId = this.env.world.newMediaGroupId();
    return items.map((item) => {
      const content = {
        ...userMedia(this.env.world.files, item.type, item),
        ...caption(item.caption),
      };
      return injectMessage(this.env, this.user, to, content, { ...options, mediaGroupId });
    });
  }

  /** Edits one of this person's text messages (the bot gets edited_message). */
  editText(message: Message, text: string): Injected {
    return injectEdit(this.env, this.user, message, text);
  }

  /**
   * Presses an inline button of a bot message. Throws when the message (as it is now, after
   * edits) has no button with this callback_data: a real client could not press it.
   */
  clickButton(message: Message, data: string): InjectedCallback {
    const { dialog, chat } = locate(this.env, message);
    const current = dialog.get(message.message_id);
    const sender = current?.from;
    const bot = sender?.is_bot ? this.env.bots.byId(sender.id) : undefined;
    if (!current || !bot)
      throw new Error("fake-telegram: clickButton needs a message sent by a bot");
    const buttons = current.reply_markup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((b) => "callback_data" in b && b.callback_data === data)) {
      throw new Error(
        `fake-telegram: message ${current.message_id} has no button with callback_data "${data}"`,
      );
    }
    const query: CallbackQuery = {
      id: this.env.world.callbacks.nextId(),
      from: { ...this.user },
      message: current,
      chat_instance: String(Math.abs(chat.id * 31 + bot.user.id)),
      data,
    };
    const record: { query: CallbackQuery; botId: number } = { query, botId: bot.user.id };
    this.env.world.callbacks.add(record);
    const update = deliverUpdate(bot, { callback_query: query });
    return { update, query, answer: () => this.env.world.callbacks.get(query.id)?.answer };
  }

  /** The person blocks a bot: its sends answer 403 "bot was blocked by the user". */
  blockBot(token: string): void {
    this.env.world.chats.privateOf(this.id).blockedBots.add(this.env.bots.get(token).user.id);
  }

  unblockBot(token: string): void {
    this.env.world.chats.privateOf(this.id).blockedBots.delete(this.env.bots.get(token).user.id);
  }

  private media(
    to: ChatTarget,
    kind: "photo" | "document" | "voice" | "video",
    options: MediaOptions,
  ): Injected {
    const content = {
      ...userMedia(this.env.world.files, kind, options),
      ...caption(options.caption),
    };
    return injectMessage(this.env, this.user, to, content, options);
  }
}

function caption(text: string | undefined): { caption?: string } {
  return text === undefined ? {} : { caption: text };
}
