import type { Message } from "grammy/types";
import { z } from "zod";
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

/** Why an update is dropped before any handler sees it. */
export interface DroppedUpdate {
  /** `malformed`: not what the Bot API sends; `ignored`: well-formed, nothing to do. */
  drop: "malformed" | "ignored";
  reason: string;
}

// Only the fields the handlers read are checked, and unknown fields pass: Telegram adds
// fields over time, and a stricter schema would start dropping good updates.
const int = z.number().int();
const user = z.looseObject({
  id: int.positive(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.looseObject({ id: int, type: z.string() });
const file = z.looseObject({
  file_id: z.string().min(1),
  file_unique_id: z.string().min(1),
  file_size: int.nonnegative().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  width: int.optional(),
  height: int.optional(),
  duration: z.number().optional(),
});
const entities = z.array(
  z.looseObject({ type: z.string(), offset: int.nonnegative(), length: int.nonnegative() }),
);
const message = z.looseObject({
  message_id: int.positive(),
  date: int,
  chat,
  from: user.optional(),
  text: z.string().optional(),
  entities: entities.optional(),
  caption: z.string().optional(),
  caption_entities: entities.optional(),
  media_group_id: z.string().optional(),
  photo: z.array(file).optional(),
  document: file.optional(),
  voice: file.optional(),
  audio: file.optional(),
  video: file.optional(),
  video_note: file.optional(),
  animation: file.optional(),
});
const member = z.looseObject({ status: z.string() });
const payloads = {
  message,
  edited_message: message,
  callback_query: z.looseObject({
    id: z.string().min(1),
    from: user,
    chat_instance: z.string(),
    data: z.string().optional(),
    message: z.looseObject({ message_id: int, chat }).optional(),
    inline_message_id: z.string().optional(),
  }),
  my_chat_member: z.looseObject({
    chat,
    from: user,
    date: int,
    old_chat_member: member,
    new_chat_member: member,
  }),
};
const handledTypes = Object.keys(payloads) as Array<keyof typeof payloads>;

/**
 * Screens a raw update before the handlers run: the Bot API promises its shape, but a
 * proxy, a forged webhook request or a future API change may not keep the promise, and
 * a missing `from` or a string where an id belongs would otherwise surface as a
 * TypeError deep in a handler (or as a contact named "undefined"). Cheap, and the
 * majority of junk never reaches the database.
 */
export function screenUpdate(update: object): DroppedUpdate | undefined {
  const fields = update as Record<string, unknown>;
  const present = handledTypes.filter((type) => fields[type] !== undefined);
  const type = present[0];
  if (type === undefined) return { drop: "ignored", reason: "no update type the bot handles" };
  if (present.length > 1)
    return { drop: "malformed", reason: `several payloads: ${present.join(", ")}` };
  if (type === "callback_query") return problem(type, payloads[type].safeParse(fields[type]));
  const parsed = payloads[type].safeParse(fields[type]);
  if (!parsed.success) return problem(type, parsed);
  const { chat: where, from } = parsed.data;
  if (where.type !== "private") return { drop: "ignored", reason: "not a private chat" };
  // In a private chat the chat id is the person's id; replies go by the person's id.
  if (from?.id !== where.id)
    return { drop: "malformed", reason: `${type}: private chat of someone else` };
  return undefined;
}

function problem(
  type: string,
  result: { success: boolean; error?: z.ZodError },
): DroppedUpdate | undefined {
  if (result.success) return undefined;
  const issue = result.error?.issues[0];
  const where = [type, ...(issue?.path ?? []).map(String)].join(".");
  return { drop: "malformed", reason: `${where}: ${issue?.code ?? "invalid"}` };
}
