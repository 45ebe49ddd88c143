import { VkApiError, invalidParam } from "../api-error.js";
import { uploadHash, type FileKind, type PendingUpload } from "../file-store.js";
import { imageSize } from "../image-size.js";
import { audioMessageToApi, docToApi, photoToApi } from "../media-objects.js";
import { optionalInt, requiredString } from "../params.js";
import type { VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";

/** photos.getMessagesUploadServer: a loopback upload_url for one photo. */
export function photosGetMessagesUploadServer(world: FakeVkWorld, params: VkParams): unknown {
  const peerId = optionalInt(params, "peer_id");
  return {
    upload_url: world.files.openUploadServer("photo", peerId),
    album_id: -64,
    user_id: 0,
    group_id: world.settings.groupId,
  };
}

/** docs.getMessagesUploadServer: type "doc" (default) or "audio_message". */
export function docsGetMessagesUploadServer(world: FakeVkWorld, params: VkParams): unknown {
  const type = params.type ?? "doc";
  if (type !== "doc" && type !== "audio_message") throw invalidParam("type is invalid");
  const peerId = optionalInt(params, "peer_id");
  return { upload_url: world.files.openUploadServer(type, peerId) };
}

/** The upload token inside the `photo` JSON string returned by the upload URL. */
function photoToken(raw: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return undefined;
    const first: unknown = parsed[0];
    if (typeof first !== "object" || first === null || !("upload" in first)) return undefined;
    return typeof first.upload === "string" ? first.upload : undefined;
  } catch {
    return undefined;
  }
}

function claim(world: FakeVkWorld, token: string, kinds: FileKind[]): PendingUpload {
  const pending = world.files.claimPending(token);
  if (pending === undefined || !kinds.includes(pending.kind)) {
    throw invalidParam("upload not found or already saved");
  }
  return pending;
}

/** photos.saveMessagesPhoto({photo, server, hash}) → `[photo]` owned by the community. */
export function photosSaveMessagesPhoto(world: FakeVkWorld, params: VkParams): unknown {
  const token = photoToken(requiredString(params, "photo"));
  if (token === undefined) throw invalidParam("photos_list is invalid");
  if (params.hash !== uploadHash(token)) throw new VkApiError(121);
  const pending = claim(world, token, ["photo"]);
  const file = world.files.addFile({
    ...pending,
    ...imageSize(pending.bytes),
    ownerId: -world.settings.groupId,
    title: pending.filename,
    date: world.now(),
  });
  return [photoToApi(file)];
}

/** docs.save({file, title}) → `{type: "doc", doc}` or `{type: "audio_message", audio_message}`. */
export function docsSave(world: FakeVkWorld, params: VkParams): unknown {
  const [token = "", hash] = requiredString(params, "file").split("|");
  if (hash !== uploadHash(token)) throw invalidParam("file is invalid");
  const pending = claim(world, token, ["doc", "audio_message"]);
  const file = world.files.addFile({
    ...pending,
    ownerId: -world.settings.groupId,
    title: params.title || pending.filename,
    date: world.now(),
  });
  if (file.kind === "audio_message") {
    return { type: "audio_message", audio_message: audioMessageToApi(file) };
  }
  return { type: "doc", doc: docToApi(file) };
}
