import { type Api, GrammyError, HttpError, InputFile } from "grammy";
import {
  DeliveryError,
  type ChannelSender,
  type FileFetchers,
  type OutboxItem,
  type ParentOutbound,
} from "../../core/outbound/index.js";
import type { Attachment } from "../../core/tickets/index.js";
import { classifyBotApiError, inlineKeyboard, splitText } from "../bot-api/index.js";
import { createChatPacer } from "./chat-pacer.js";

const MAX_CAPTION = 1024;

/**
 * Delivers core's outbox rows to parents on Telegram. Telegram has no idempotency key,
 * so this sender is not idempotent: a send whose outcome is unknown is repeated (a rare
 * duplicate is better than silence) and counted as a possible duplicate.
 */
export function createTelegramSender(
  api: Api,
  fetchers: FileFetchers,
  options: { chatIntervalMs: number },
): ChannelSender {
  const pacer = createChatPacer(options.chatIntervalMs);
  return {
    idempotent: false,
    pace: (chatId) => pacer.wait(chatId),
    async send(item: OutboxItem) {
      try {
        return await deliver(api, fetchers, item.chatId, item.payload as ParentOutbound);
      } catch (error) {
        throw toDeliveryError(error);
      } finally {
        // Counted from the answer: the request reached Telegram before it, whenever it left.
        pacer.sent(item.chatId);
      }
    },
  };
}

async function deliver(
  api: Api,
  fetchers: FileFetchers,
  chatId: string,
  payload: ParentOutbound,
): Promise<{ externalMessageId?: string }> {
  switch (payload.type) {
    case "text":
      return sendText(api, chatId, payload.text, payload.buttons);
    case "reaction":
      return react(api, chatId, payload.messageId, payload.emoji);
    case "agent_media":
      return sendMedia(api, fetchers, chatId, payload.text, payload.attachments);
  }
}

async function sendText(
  api: Api,
  chatId: string,
  text: string,
  buttons: Parameters<typeof inlineKeyboard>[0],
) {
  const parts = splitText(text);
  let last: number | undefined;
  for (const [i, part] of parts.entries()) {
    const markup = i === parts.length - 1 ? inlineKeyboard(buttons) : undefined;
    last = (await api.sendMessage(chatId, part, markup ? { reply_markup: markup } : {})).message_id;
  }
  return { externalMessageId: last === undefined ? undefined : String(last) };
}

async function react(api: Api, chatId: string, messageId: string, emoji: string) {
  try {
    await api.setMessageReaction(chatId, Number(messageId), [
      { type: "emoji", emoji: emoji as "👀" },
    ]);
  } catch (error) {
    // A reaction is a courtesy: a message that is gone or a reaction Telegram refuses is not worth an alert.
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
  }
  return {};
}

/**
 * An agent's files: downloaded through the staff bot (file ids belong to the bot that
 * received them) and uploaded again by the parents' bot, text as the first caption. An
 * album stays one album: consecutive photos and videos (or documents, or audio files)
 * go out as one media group, as Telegram groups them.
 */
async function sendMedia(
  api: Api,
  fetchers: FileFetchers,
  chatId: string,
  text: string,
  attachments: Attachment[],
) {
  const fetch = fetchers.relay;
  if (!fetch)
    throw new DeliveryError("REJECTED", "no file fetcher for the staff relay is configured");
  const captionFits = text.length <= MAX_CAPTION;
  if (!captionFits && text) await sendText(api, chatId, text, undefined);
  const files: { attachment: Attachment; input: InputFile }[] = [];
  for (const attachment of attachments) {
    const file = await fetch(attachment).catch((error: unknown) => {
      // Nothing was sent yet: a file that cannot be fetched (over 20 MB, gone) is final, and the agents are told.
      throw new DeliveryError(
        "REJECTED",
        `the agent's file could not be fetched: ${error instanceof Error ? error.message : String(error)}`,
        undefined,
        { cause: error },
      );
    });
    files.push({
      attachment,
      input: new InputFile(file.data, attachment.fileName ?? file.fileName),
    });
  }
  let last: number | undefined;
  let captioned = !(captionFits && text);
  for (const group of mediaGroups(files)) {
    const caption = captioned ? {} : { caption: text };
    captioned = true;
    const [first] = group;
    if (group.length === 1 && first) {
      last = (await uploadOne(api, chatId, first.attachment, first.input, caption)).message_id;
      continue;
    }
    const media = group.map(({ attachment, input }, i) => ({
      type: albumType(attachment),
      media: input,
      ...(i === 0 ? caption : {}),
    }));
    const sent = await api.sendMediaGroup(chatId, media as Parameters<Api["sendMediaGroup"]>[1]);
    last = sent.at(-1)?.message_id;
  }
  return { externalMessageId: last === undefined ? undefined : String(last) };
}

const ALBUM_MAX = 10;

/** What may share a media group: photos with videos, documents together, audio together. */
function albumType(attachment: Attachment): "photo" | "video" | "document" | "audio" | null {
  switch (attachment.kind) {
    case "photo":
    case "video":
    case "document":
    case "audio":
      return attachment.kind;
    default:
      return null;
  }
}

function albumFamily(attachment: Attachment): string | null {
  const type = albumType(attachment);
  return type === "photo" || type === "video" ? "visual" : type;
}

/** Consecutive files Telegram accepts in one media group, up to ten; the rest alone. */
function mediaGroups<T extends { attachment: Attachment }>(files: T[]): T[][] {
  const groups: T[][] = [];
  for (const file of files) {
    const last = groups.at(-1);
    const family = albumFamily(file.attachment);
    const head = last?.[0];
    if (
      head &&
      family !== null &&
      last.length < ALBUM_MAX &&
      albumFamily(head.attachment) === family
    )
      last.push(file);
    else groups.push([file]);
  }
  return groups;
}

function uploadOne(
  api: Api,
  chatId: string,
  attachment: Attachment,
  input: InputFile,
  extra: { caption?: string },
) {
  switch (attachment.kind) {
    case "photo":
      return api.sendPhoto(chatId, input, extra);
    case "voice":
      return api.sendVoice(chatId, input, extra);
    case "video":
      return api.sendVideo(chatId, input, extra);
    case "audio":
      return api.sendAudio(chatId, input, extra);
    case "animation":
      return api.sendAnimation(chatId, input, extra);
    default:
      return api.sendDocument(chatId, input, extra);
  }
}

function toDeliveryError(error: unknown) {
  if (error instanceof GrammyError) {
    return classifyBotApiError(
      {
        errorCode: error.error_code,
        description: error.description,
        retryAfterSeconds: error.parameters.retry_after,
      },
      error,
    );
  }
  if (error instanceof HttpError) {
    const code =
      (error.error as { code?: string } | undefined)?.code ??
      (error.error as { cause?: { code?: string } } | undefined)?.cause?.code;
    return classifyBotApiError({ networkCode: code ?? "UNKNOWN" }, error);
  }
  return error;
}
