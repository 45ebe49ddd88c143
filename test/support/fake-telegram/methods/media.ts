import type { File, Message } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";
import { formatCaption } from "../entities/formatted-text.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { mediaContent, type MediaMeta } from "../media-objects.js";
import { commitBotMessage } from "../outgoing/compose.js";
import { resolveInputFile } from "../outgoing/input-file.js";
import { parseReplyMarkup } from "../outgoing/reply-markup.js";
import { captionFields, extraFields, sendFields, userLookup } from "../outgoing/send-params.js";
import { resolveSendTarget } from "../outgoing/send-target.js";
import { bool, entities, int, json, parseParams, str } from "../params.js";
import type { FileKind } from "../state/files.js";

const mediaFields = {
  ...sendFields,
  caption: str().optional(),
  parse_mode: str().optional(),
  caption_entities: entities(),
  duration: int().optional(),
  width: int().optional(),
  height: int().optional(),
  emoji: str().optional(),
  has_spoiler: bool().optional(),
};

function metaOf(params: {
  duration?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
  emoji?: string | undefined;
}): MediaMeta {
  const meta: MediaMeta = {};
  if (params.duration !== undefined) meta.duration = params.duration;
  if (params.width !== undefined) meta.width = params.width;
  if (params.height !== undefined) meta.height = params.height;
  if (params.emoji !== undefined) meta.emoji = params.emoji;
  return meta;
}

/** sendPhoto, sendDocument, ...: one file field, an optional caption. */
function mediaSender(kind: FileKind, field: string, captionable: boolean): MethodHandler {
  return (ctx: MethodContext): Message => {
    const params = parseParams(z.object(mediaFields), ctx.params);
    const caption =
      captionable && params.caption !== undefined
        ? formatCaption(
            {
              text: params.caption,
              parseMode: params.parse_mode,
              entities: params.caption_entities,
            },
            userLookup(ctx),
          )
        : undefined;
    const markup = parseReplyMarkup(params.reply_markup);
    const target = resolveSendTarget(ctx, params);
    const file = resolveInputFile(ctx, ctx.params[field], field, kind);
    const content = {
      ...mediaContent(ctx.env.world.files, kind, file, metaOf(params)),
      ...captionFields(caption),
    };
    if (params.has_spoiler && (kind === "photo" || kind === "video" || kind === "animation"))
      content.has_media_spoiler = true;
    return commitBotMessage(ctx, target, {
      ...content,
      ...extraFields(markup, params.protect_content),
    });
  };
}

const inputMediaSchema = z.looseObject({
  type: z.string(),
  media: z.string(),
  caption: z.string().optional(),
  parse_mode: z.string().optional(),
  caption_entities: z
    .array(z.looseObject({ type: z.string(), offset: z.number(), length: z.number() }))
    .optional(),
});

const ALBUM_KINDS: Record<string, FileKind | undefined> = {
  photo: "photo",
  video: "video",
  document: "document",
  audio: "audio",
};

/** Checks count and mixing rules; the 2–10 rule is the documented contract. */
function checkAlbum(types: string[]): void {
  if (types.length === 0) throw badRequest("there are no messages to send");
  if (types.length > 10) throw badRequest("too many messages to send as an album");
  if (types.length < 2) throw badRequest("media group must include 2-10 items");
  for (const type of types) {
    if (!ALBUM_KINDS[type])
      throw badRequest(`can't parse InputMedia: type "${type}" can't be used in sendMediaGroup`);
  }
  for (const exclusive of ["document", "audio"]) {
    if (types.includes(exclusive) && types.some((t) => t !== exclusive)) {
      throw badRequest(`${exclusive} can't be mixed with other media types`);
    }
  }
}

/** sendMediaGroup: 2–10 items become separate messages sharing one media_group_id. */
function sendMediaGroup(ctx: MethodContext): Message[] {
  const params = parseParams(
    z.object({ ...sendFields, media: json(z.array(inputMediaSchema)) }),
    ctx.params,
  );
  checkAlbum(params.media.map((item) => item.type));
  const target = resolveSendTarget(ctx, params);
  const items = params.media.map((item) => {
    const kind = ALBUM_KINDS[item.type] ?? "document";
    const caption =
      item.caption === undefined
        ? undefined
        : formatCaption(
            { text: item.caption, parseMode: item.parse_mode, entities: item.caption_entities },
            userLookup(ctx),
          );
    return { kind, file: resolveInputFile(ctx, item.media, "media", kind), caption };
  });
  const mediaGroupId = ctx.env.world.newMediaGroupId();
  return items.map(({ kind, file, caption }) =>
    commitBotMessage(ctx, target, {
      ...mediaContent(ctx.env.world.files, kind, file),
      ...captionFields(caption),
      media_group_id: mediaGroupId,
      ...extraFields(undefined, params.protect_content),
    }),
  );
}

/** Bots may download files up to 20 MB through getFile. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

function getFile(ctx: MethodContext): File {
  const params = parseParams(z.object({ file_id: str().optional() }), ctx.params);
  if (!params.file_id) throw badRequest("file_id not specified");
  const file = ctx.env.world.files.get(params.file_id);
  if (!file?.owners.has(ctx.bot.user.id)) throw badRequest("invalid file_id");
  if (file.data.length > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.data.length,
    file_path: file.filePath,
  };
}

/** Sending files, albums, and fetching files. */
export const mediaMethods: Record<string, MethodHandler> = {
  sendPhoto: mediaSender("photo", "photo", true),
  sendDocument: mediaSender("document", "document", true),
  sendVoice: mediaSender("voice", "voice", true),
  sendVideo: mediaSender("video", "video", true),
  sendAudio: mediaSender("audio", "audio", true),
  sendAnimation: mediaSender("animation", "animation", true),
  sendSticker: mediaSender("sticker", "sticker", false),
  sendVideoNote: mediaSender("video_note", "video_note", false),
  sendMediaGroup,
  getFile,
};
