import { imageSize } from "./image-size.js";
import { TINY_PNG, attachmentToApi } from "./media-objects.js";
import type { UserAttachmentInput } from "./types.js";
import type { FakeVkWorld } from "./world.js";

/** "OggS" magic and a little padding: enough to look like a voice note. */
const FAKE_OGG = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(60)]);

function fileDraft(input: UserAttachmentInput) {
  if (input.type === "photo") {
    const bytes = input.data ?? TINY_PNG;
    const measured = imageSize(bytes);
    return {
      kind: "photo" as const,
      bytes,
      contentType: input.contentType ?? "image/png",
      filename: "photo.png",
      title: "",
      width: input.width ?? measured.width,
      height: input.height ?? measured.height,
    };
  }
  if (input.type === "doc") {
    return {
      kind: "doc" as const,
      bytes: input.data ?? Buffer.from("fake document\n"),
      contentType: input.contentType ?? "application/octet-stream",
      filename: input.title,
      title: input.title,
    };
  }
  return {
    kind: "audio_message" as const,
    bytes: input.data ?? FAKE_OGG,
    contentType: "audio/ogg",
    filename: "voice.ogg",
    title: "",
    duration: input.duration ?? 3,
  };
}

/**
 * Stores a file a user sends and returns the attachment object for message_new. The
 * file is owned by the user and downloadable from the fake at its `url`.
 */
export function storeUserAttachment(
  world: FakeVkWorld,
  userId: number,
  input: UserAttachmentInput,
): Record<string, unknown> {
  const file = world.files.addFile({ ...fileDraft(input), ownerId: userId, date: world.now() });
  return attachmentToApi(file);
}
