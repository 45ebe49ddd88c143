import type { Poll } from "grammy/types";
import { mediaContent, type MediaMeta } from "../media-objects.js";
import type { MessageContent } from "../outgoing/compose.js";
import type { FileKind, FileStore } from "../state/files.js";

/** What a test may say about a file a user sends; all optional. */
export interface FileOptions {
  /** The bytes a bot downloads through getFile (default: a few placeholder bytes). */
  data?: Buffer;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  duration?: number;
}

const DEFAULT_FILES: Partial<Record<FileKind, { fileName?: string; mimeType: string }>> = {
  photo: { mimeType: "image/jpeg" },
  document: { fileName: "document.pdf", mimeType: "application/pdf" },
  voice: { mimeType: "audio/ogg" },
  video: { fileName: "video.mp4", mimeType: "video/mp4" },
  sticker: { mimeType: "image/webp" },
};

/** Stores a user's file and returns the message fields it produces. */
export function userMedia(
  files: FileStore,
  kind: FileKind,
  options: FileOptions & { emoji?: string } = {},
): MessageContent {
  const defaults = DEFAULT_FILES[kind];
  const fileName = options.fileName ?? defaults?.fileName;
  const mimeType = options.mimeType ?? defaults?.mimeType;
  const file = files.add({
    kind,
    data: options.data ?? Buffer.from(`fake ${kind} bytes`),
    ...(fileName ? { fileName } : {}),
    ...(mimeType ? { mimeType } : {}),
  });
  const meta: MediaMeta = {};
  if (options.width !== undefined) meta.width = options.width;
  if (options.height !== undefined) meta.height = options.height;
  if (options.duration !== undefined) meta.duration = options.duration;
  if (options.emoji !== undefined) meta.emoji = options.emoji;
  return mediaContent(files, kind, file, meta);
}

/** A regular, non-anonymous poll as a user would send it. */
export function userPoll(id: string, question: string, options: string[]): Poll {
  return {
    id,
    question,
    options: options.map((text, index) => ({ persistent_id: String(index), text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: false,
    is_anonymous: false,
    type: "regular",
    allows_multiple_answers: false,
    allows_revoting: true,
    members_only: false,
  };
}
