import type { StoredFile } from "./file-store.js";

/** A valid 1×1 PNG, used when a test does not care about the bytes of a photo. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGP4DwQACfsD/fteaysAAAAASUVORK5CYII=",
  "base64",
);

/** VK photo size letters with their maximum width (dev.vk.com "photo sizes"). */
const PHOTO_SIZES: [string, number][] = [
  ["s", 75],
  ["m", 130],
  ["x", 604],
  ["y", 807],
  ["z", 1080],
  ["w", 2560],
];

/** Sizes up to the original width; every size downloads the same bytes. */
function photoSizes(file: StoredFile): Record<string, unknown>[] {
  const width = file.width ?? 1;
  const height = file.height ?? 1;
  const fitting = PHOTO_SIZES.filter(([, max], i) => i === 0 || max <= width);
  return fitting.map(([type, max]) => {
    const scale = Math.min(1, max / width);
    return {
      type,
      width: Math.max(1, Math.round(width * scale)),
      height: Math.max(1, Math.round(height * scale)),
      url: `${file.url}?size=${type}`,
    };
  });
}

/** A photo object as VK returns it (message attachments, photos.saveMessagesPhoto). */
export function photoToApi(file: StoredFile): Record<string, unknown> {
  return {
    album_id: file.ownerId < 0 ? -64 : -3,
    date: file.date,
    id: file.id,
    owner_id: file.ownerId,
    access_key: file.accessKey,
    sizes: photoSizes(file),
    orig_photo: { type: "base", width: file.width ?? 1, height: file.height ?? 1, url: file.url },
    text: "",
    has_tags: false,
  };
}

/** VK doc `type`: 1 text, 2 archive, 3 gif, 4 image, 5 audio, 6 video, 7 ebook, 8 other. */
function docType(ext: string): number {
  const groups: [number, string[]][] = [
    [1, ["txt", "doc", "docx", "pdf", "odt", "rtf", "xls", "xlsx"]],
    [2, ["zip", "rar", "7z", "gz", "tar"]],
    [3, ["gif"]],
    [4, ["jpg", "jpeg", "png", "webp", "heic"]],
    [5, ["mp3", "ogg", "wav", "m4a"]],
    [6, ["mp4", "mov", "avi", "webm"]],
    [7, ["epub", "fb2", "djvu"]],
  ];
  return groups.find(([, exts]) => exts.includes(ext))?.[0] ?? 8;
}

/** "Scan.PDF" → "pdf"; "" when there is no extension. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** A doc object as VK returns it (message attachments, docs.save). */
export function docToApi(file: StoredFile): Record<string, unknown> {
  const ext = extensionOf(file.filename);
  return {
    id: file.id,
    owner_id: file.ownerId,
    title: file.title,
    size: file.bytes.length,
    ext,
    date: file.date,
    type: docType(ext),
    url: file.url,
    access_key: file.accessKey,
  };
}

/** A voice message object; both links download the stored bytes. */
export function audioMessageToApi(file: StoredFile): Record<string, unknown> {
  return {
    id: file.id,
    owner_id: file.ownerId,
    duration: file.duration ?? 1,
    waveform: [0, 8, 16, 8, 0],
    link_ogg: file.url,
    link_mp3: file.url,
    access_key: file.accessKey,
  };
}

/** A message attachment `{type, [type]: object}` for a stored file. */
export function attachmentToApi(file: StoredFile): Record<string, unknown> {
  if (file.kind === "photo") return { type: "photo", photo: photoToApi(file) };
  if (file.kind === "doc") return { type: "doc", doc: docToApi(file) };
  return { type: "audio_message", audio_message: audioMessageToApi(file) };
}
