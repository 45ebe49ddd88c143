import { z } from "zod";

/**
 * A file a parent (or agent) sent, as the channel described it. Only ids and metadata
 * are kept: the file itself stays on the messenger's servers and is relayed by id.
 */
export const attachmentSchema = z.object({
  kind: z.enum(["photo", "document", "voice", "audio", "video", "video_note", "animation"]),
  /** The channel's own handle: a Telegram file_id, or a VK attachment string / URL. */
  fileId: z.string().min(1),
  fileUniqueId: z.string().optional(),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  fileSize: z.number().int().nonnegative().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  duration: z.number().optional(),
  url: z.string().optional(),
});

export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.array(attachmentSchema);

/** Reads the JSON column back; a row written by an older version still parses. */
export function parseAttachments(value: unknown): Attachment[] {
  const parsed = attachmentListSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
