import type {
  Animation,
  Audio,
  Document,
  Message,
  PhotoSize,
  Sticker,
  Video,
  VideoNote,
  Voice,
} from "grammy/types";
import type { MessageContent } from "./outgoing/compose.js";
import type { FileKind, FileRecord, FileStore } from "./state/files.js";

/** Dimensions and durations the fake reports for media (nobody decodes the bytes). */
export interface MediaMeta {
  width?: number;
  height?: number;
  duration?: number;
  emoji?: string;
  title?: string;
  performer?: string;
}

function base(file: FileRecord): { file_id: string; file_unique_id: string; file_size: number } {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.data.length };
}

function named<T extends object>(
  value: T,
  file: FileRecord,
): T & { file_name?: string; mime_type?: string } {
  const result: T & { file_name?: string; mime_type?: string } = { ...value };
  if (file.fileName !== undefined) result.file_name = file.fileName;
  if (file.mimeType !== undefined) result.mime_type = file.mimeType;
  return result;
}

/** A photo as Telegram lists it: a small preview size, then the full size (largest last). */
export function photoSizes(files: FileStore, file: FileRecord, meta: MediaMeta = {}): PhotoSize[] {
  const width = meta.width ?? 1280;
  const height = meta.height ?? 960;
  const preview = files.add({ kind: "photo", data: file.data, mimeType: "image/jpeg" });
  const scale = 90 / Math.max(width, height);
  return [
    { ...base(preview), width: Math.round(width * scale), height: Math.round(height * scale) },
    { ...base(file), width, height },
  ];
}

export function documentOf(file: FileRecord): Document {
  return named(base(file), file);
}

export function voiceOf(file: FileRecord, meta: MediaMeta = {}): Voice {
  return { ...base(file), duration: meta.duration ?? 3, mime_type: file.mimeType ?? "audio/ogg" };
}

export function videoOf(file: FileRecord, meta: MediaMeta = {}): Video {
  return named(
    {
      ...base(file),
      width: meta.width ?? 640,
      height: meta.height ?? 360,
      duration: meta.duration ?? 5,
    },
    file,
  );
}

export function audioOf(file: FileRecord, meta: MediaMeta = {}): Audio {
  const audio: Audio = named({ ...base(file), duration: meta.duration ?? 30 }, file);
  if (meta.title !== undefined) audio.title = meta.title;
  if (meta.performer !== undefined) audio.performer = meta.performer;
  return audio;
}

export function animationOf(file: FileRecord, meta: MediaMeta = {}): Animation {
  return named(
    {
      ...base(file),
      width: meta.width ?? 320,
      height: meta.height ?? 240,
      duration: meta.duration ?? 2,
    },
    file,
  );
}

export function stickerOf(file: FileRecord, meta: MediaMeta = {}): Sticker {
  return {
    ...base(file),
    type: "regular",
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: meta.emoji ?? "👍",
  };
}

export function videoNoteOf(file: FileRecord, meta: MediaMeta = {}): VideoNote {
  return { ...base(file), length: meta.width ?? 240, duration: meta.duration ?? 5 };
}

/** The message fields a file of a kind produces (animations also carry `document`). */
export function mediaContent(
  files: FileStore,
  kind: FileKind,
  file: FileRecord,
  meta: MediaMeta = {},
): MessageContent {
  switch (kind) {
    case "photo":
    case "thumbnail":
      return { photo: photoSizes(files, file, meta) };
    case "document":
      return { document: documentOf(file) };
    case "voice":
      return { voice: voiceOf(file, meta) };
    case "video":
      return { video: videoOf(file, meta) };
    case "audio":
      return { audio: audioOf(file, meta) };
    case "animation":
      return { animation: animationOf(file, meta), document: documentOf(file) };
    case "sticker":
      return { sticker: stickerOf(file, meta) };
    case "video_note":
      return { video_note: videoNoteOf(file, meta) };
  }
}

/** Every file_id a message carries (all photo sizes included). */
export function fileIdsOf(message: Message): string[] {
  const single = [
    message.document,
    message.voice,
    message.video,
    message.audio,
    message.animation,
    message.sticker,
    message.video_note,
  ];
  const ids = single.flatMap((file) => (file ? [file.file_id] : []));
  return [...ids, ...(message.photo ?? []).map((size) => size.file_id)];
}
