import { z } from "zod";
import { attachmentSchema } from "./attachment.js";

/** Longest text kept per message; longer texts are cut with a marker, never rejected. */
export const MAX_TEXT_LENGTH = 16_000;

/**
 * What a channel adapter hands to core for one parent message. `eventKeys` are the
 * dedupe keys of the delivery (e.g. the update id and the chat+message id): if any
 * was seen before, the message is a redelivery and is ignored.
 */
export const inboundMessageSchema = z.object({
  channel: z.enum(["telegram", "vk"]),
  externalUserId: z.string().min(1),
  /** Where replies go (Telegram chat id, VK peer id). */
  chatId: z.string().min(1),
  eventKeys: z.array(z.string().min(1).max(200)).min(1),
  externalMessageId: z.string().optional(),
  text: z
    .string()
    .default("")
    .transform((t) => (t.length > MAX_TEXT_LENGTH ? `${t.slice(0, MAX_TEXT_LENGTH)} […]` : t)),
  attachments: z.array(attachmentSchema).default([]),
  /** Album items share it; core acknowledges an album once. */
  mediaGroupId: z.string().optional(),
  profile: z.object({
    displayName: z.string().default(""),
    username: z.string().optional(),
    languageCode: z.string().optional(),
  }),
});

export type InboundMessage = z.input<typeof inboundMessageSchema>;
export type ParsedInboundMessage = z.output<typeof inboundMessageSchema>;
