import { badRequest } from "../api-error.js";
import type { MethodContext } from "../env.js";
import type { FileKind, FileRecord } from "../state/files.js";

const KIND_NAMES: Record<FileKind, string> = {
  photo: "Photo",
  thumbnail: "Photo",
  document: "Document",
  voice: "VoiceNote",
  video: "Video",
  audio: "Audio",
  animation: "Animation",
  sticker: "Sticker",
  video_note: "VideoNote",
};

/** Kinds Telegram lets one pass for another (any file can be re-sent as a document). */
function compatible(have: FileKind, want: FileKind): boolean {
  if (have === want) return true;
  if (want === "document") return have !== "photo" && have !== "thumbnail" && have !== "sticker";
  return (have === "thumbnail" && want === "photo") || (have === "photo" && want === "thumbnail");
}

/**
 * Resolves an InputFile parameter: an upload in the multipart body (by field name, or
 * `attach://name`), an http(s) URL (stored as a placeholder; the fake downloads nothing), or
 * the file_id of a file Telegram already has.
 */
export function resolveInputFile(
  ctx: MethodContext,
  value: unknown,
  field: string,
  kind: FileKind,
): FileRecord {
  const { files } = ctx.env.world;
  const upload =
    typeof value === "string" && value.startsWith("attach://") ? value.slice(9) : undefined;
  const part = ctx.files.get(upload ?? field);
  if (part && (upload !== undefined || value === undefined)) {
    if (part.data.length === 0) throw badRequest("file must be non-empty");
    return files.add({
      kind,
      data: part.data,
      fileName: part.fileName,
      mimeType: guessMime(part.fileName, part.contentType),
    });
  }
  if (typeof value !== "string" || value === "")
    throw badRequest(`parameter "${field}" is required`);
  if (upload !== undefined) throw badRequest("wrong file identifier/HTTP URL specified");
  if (/^https?:\/\//i.test(value)) {
    const fileName = new URL(value).pathname.split("/").pop() || undefined;
    const data = Buffer.from(`fake-telegram placeholder for ${value}`);
    return files.add({ kind, data, sourceUrl: value, ...(fileName ? { fileName } : {}) });
  }
  const existing = files.get(value);
  if (!existing?.owners.has(ctx.bot.user.id))
    throw badRequest("wrong file identifier/HTTP URL specified");
  if (!compatible(existing.kind, kind)) {
    throw badRequest(`can't use file of type ${KIND_NAMES[existing.kind]} as ${KIND_NAMES[kind]}`);
  }
  return existing;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
};

/** Telegram derives the MIME type from the file name when the client says octet-stream. */
function guessMime(fileName: string, contentType: string): string {
  if (contentType && contentType !== "application/octet-stream") return contentType;
  const extension = /\.([\w]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return MIME_BY_EXTENSION[extension] ?? "application/octet-stream";
}
