import {
  AudioMessageAttachment,
  DocumentAttachment,
  type IPhotoSize,
  type MessageContext,
  PhotoAttachment,
} from "vk-io";
import type { Attachment } from "../../core/tickets/index.js";

/** VK's client_info.lang_id: 0 Russian, 1 Ukrainian, 2 Belarusian, 3 English, … */
const languageCodes: Record<number, string> = { 0: "ru", 1: "uk", 2: "be", 3: "en" };

export function languageOf(ctx: MessageContext): string | undefined {
  const langId = ctx.clientInfo?.lang_id;
  return langId === undefined ? undefined : languageCodes[langId];
}

/**
 * The parent's text, with the texts of messages they forwarded quoted below it: parents
 * often forward what the portal or a school wrote to them instead of retyping it.
 */
export function textOf(ctx: MessageContext): string {
  const forwarded = ctx.forwards.flatten
    .map((forward) => forward.text?.trim() ?? "")
    .filter((text) => text !== "")
    .map((text) => text.replace(/^/gm, "» "));
  return [ctx.text ?? "", ...forwarded].filter((part) => part.trim() !== "").join("\n\n");
}

/**
 * The files of a VK message (and of the messages it forwards) that can be relayed to the
 * staff: photos (largest size), documents and voice messages, each with the URL it
 * downloads from. Stickers, videos, reposts and the like have no downloadable file and
 * are left out.
 */
export function attachmentsOf(ctx: MessageContext): Attachment[] {
  return [ctx, ...ctx.forwards.flatten].flatMap((message) => relayable(message.attachments));
}

function relayable(attachments: MessageContext["attachments"]): Attachment[] {
  return attachments.flatMap((attachment): Attachment[] => {
    if (attachment instanceof PhotoAttachment) {
      const largest = largestSize(attachment);
      if (!largest) return [];
      const { url, width, height } = largest;
      return [{ kind: "photo", fileId: String(attachment), url, width, height }];
    }
    if (attachment instanceof DocumentAttachment) {
      const url = attachment.url;
      if (!url) return [];
      return [
        {
          kind: "document",
          fileId: String(attachment),
          url,
          fileName: attachment.title,
          fileSize: attachment.size,
        },
      ];
    }
    if (attachment instanceof AudioMessageAttachment) {
      const url = attachment.oggUrl ?? attachment.mp3Url;
      if (!url) return [];
      return [
        {
          kind: "voice",
          fileId: String(attachment),
          url,
          duration: attachment.duration,
          mimeType: attachment.oggUrl ? "audio/ogg" : "audio/mpeg",
        },
      ];
    }
    return [];
  });
}

/** vk-io's largeSizeUrl throws when no listed size exists; the biggest listed size is enough. */
function largestSize(photo: PhotoAttachment): IPhotoSize | undefined {
  return (photo.sizes ?? []).reduce<IPhotoSize | undefined>(
    (best, size) => (!best || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  );
}
