import { invalidParam } from "../api-error.js";
import type { FileKind, StoredFile } from "../file-store.js";
import { attachmentToApi } from "../media-objects.js";
import type { FakeVkWorld } from "../world.js";

const ATTACHMENT = /^(photo|doc|audio_message)(-?\d+)_(\d+)(?:_([A-Za-z0-9]+))?$/;

/** VK sends voice messages as "doc…" attachments too. */
const KINDS_BY_PREFIX: Record<string, FileKind[]> = {
  photo: ["photo"],
  doc: ["doc", "audio_message"],
  audio_message: ["audio_message"],
};

/** The attachment strings as given and the attachment objects they stand for. */
export interface ResolvedAttachments {
  refs: string[];
  objects: Record<string, unknown>[];
}

function resolveOne(world: FakeVkWorld, ref: string): StoredFile {
  const match = ATTACHMENT.exec(ref);
  if (match === null) throw invalidParam(`attachment ${ref} is invalid`);
  const [, prefix = "", owner = "", id = "", key] = match;
  const file = (KINDS_BY_PREFIX[prefix] ?? [])
    .map((kind) => world.files.find(kind, Number(owner), Number(id)))
    .find((found) => found !== undefined);
  if (file === undefined) throw invalidParam(`attachment ${ref} not found`);
  if (key !== undefined && key !== file.accessKey) {
    throw invalidParam(`attachment ${ref}: wrong access key`);
  }
  return file;
}

/**
 * Resolves the comma-separated `attachment` parameter. Only photos and docs the fake
 * knows (uploaded by the community or sent by a user) are accepted: anything else is
 * error 100, so a bot that forgets to upload is caught.
 */
export function resolveAttachments(
  world: FakeVkWorld,
  raw: string | undefined,
): ResolvedAttachments {
  const refs = (raw ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (refs.length > 10) throw invalidParam("too many attachments");
  const objects = refs.map((ref) => attachmentToApi(resolveOne(world, ref)));
  return { refs, objects };
}
