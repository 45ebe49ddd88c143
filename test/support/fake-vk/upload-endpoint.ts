import { randomInt } from "node:crypto";
import { uploadHash, type FileKind } from "./file-store.js";
import { readMultipartFile } from "./http-body.js";
import type { FakeVkWorld } from "./world.js";

/** Form field VK expects per upload kind (vk-io uses the same names). */
const FIELD: Record<FileKind, string> = { photo: "photo", doc: "file", audio_message: "file" };

/** What a VK upload server answers; the client passes it on to the save method. */
function answer(kind: FileKind, token: string | undefined): Record<string, unknown> {
  if (kind === "photo") {
    const photo = token === undefined ? "[]" : JSON.stringify([{ upload: token }]);
    return { server: randomInt(100000, 999999), photo, hash: token ? uploadHash(token) : "" };
  }
  if (token === undefined) return { error: "no file", error_descr: "file field is empty" };
  return { file: `${token}|${uploadHash(token)}` };
}

/**
 * POST /upload/<kind>/<server id>: a multipart upload as VK's upload servers take it.
 * Returns undefined for an unknown upload URL (the server answers 404).
 */
export async function handleUpload(
  world: FakeVkWorld,
  serverId: string,
  body: Buffer,
  contentType: string,
): Promise<Record<string, unknown> | undefined> {
  const server = world.files.uploadServer(serverId);
  if (server === undefined) return undefined;
  const part = contentType.startsWith("multipart/form-data")
    ? await readMultipartFile(body, contentType, FIELD[server.kind])
    : undefined;
  const pending = part && world.files.addPending({ ...part, kind: server.kind });
  return answer(server.kind, pending?.token);
}
