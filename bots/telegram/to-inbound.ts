import type { Message } from "grammy/types";
import type { Attachment } from "../../core/tickets/index.js";

/** The files of a Telegram message as core attachments (ids and metadata only). */
export function attachmentsOf(message: Message): Attachment[] {
  const out: Attachment[] = [];
  const largest = message.photo?.at(-1);
  if (largest)
    out.push({
      kind: "photo",
      fileId: largest.file_id,
      fileUniqueId: largest.file_unique_id,
      width: largest.width,
      height: largest.height,
      fileSize: largest.file_size,
    });
  if (message.document && !message.animation) {
    const d = message.document;
    out.push({
      kind: "document",
      fileId: d.file_id,
      fileUniqueId: d.file_unique_id,
      fileName: d.file_name,
      mimeType: d.mime_type,
      fileSize: d.file_size,
    });
  }
  if (message.voice)
    out.push({
      kind: "voice",
      fileId: message.voice.file_id,
      fileUniqueId: message.voice.file_unique_id,
      duration: message.voice.duration,
      mimeType: message.voice.mime_type,
      fileSize: message.voice.file_size,
    });
  if (message.audio)
    out.push({
      kind: "audio",
      fileId: message.audio.file_id,
      fileUniqueId: message.audio.file_unique_id,
      duration: message.audio.duration,
      fileName: message.audio.file_name,
      mimeType: message.audio.mime_type,
      fileSize: message.audio.file_size,
    });
  if (message.video)
    out.push({
      kind: "video",
      fileId: message.video.file_id,
      fileUniqueId: message.video.file_unique_id,
      duration: message.video.duration,
      width: message.video.width,
      height: message.video.height,
      mimeType: message.video.mime_type,
      fileSize: message.video.file_size,
    });
  if (message.video_note)
    out.push({
      kind: "video_note",
      fileId: message.video_note.file_id,
      fileUniqueId: message.video_note.file_unique_id,
      duration: message.video_note.duration,
      fileSize: message.video_note.file_size,
    });
  if (message.animation)
    out.push({
      kind: "animation",
      fileId: message.animation.file_id,
      fileUniqueId: message.animation.file_unique_id,
      duration: message.animation.duration,
      fileName: message.animation.file_name,
      mimeType: message.animation.mime_type,
      fileSize: message.animation.file_size,
    });
  return out;
}

/** Whether the message carries something core accepts (text or a supported file). */
export function isSupported(message: Message): boolean {
  return Boolean(message.text?.trim()) || attachmentsOf(message).length > 0;
}

export function displayName(user: { first_name: string; last_name?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}
