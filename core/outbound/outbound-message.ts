import { z } from "zod";
import { attachmentSchema } from "../tickets/attachment.js";

/** A button under a message: an action string (≤ 64 bytes, see actions.ts) or a link. */
export const buttonSchema = z.union([
  z.object({ label: z.string().min(1), action: z.string().min(1).max(64) }),
  z.object({ label: z.string().min(1), url: z.string().url() }),
]);
export type Button = z.infer<typeof buttonSchema>;

/**
 * What core asks a parent's channel to deliver, platform-neutral. Texts are final
 * (already in the parent's language) and plain: adapters must send them without markup.
 */
export const parentOutboundSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    text: z.string().min(1),
    buttons: z.array(z.array(buttonSchema)).optional(),
    replyToMessageId: z.string().optional(),
  }),
  z.object({ type: z.literal("reaction"), messageId: z.string(), emoji: z.string() }),
  /** An agent's media (or text with media) copied from the staff group. */
  z.object({
    type: z.literal("agent_media"),
    messageId: z.number().int(),
    text: z.string(),
    attachments: z.array(attachmentSchema),
    fromChatId: z.string().optional(),
    fromMessageId: z.number().int().optional(),
  }),
]);
export type ParentOutbound = z.infer<typeof parentOutboundSchema>;

/**
 * What core asks the staff relay to do. Payloads carry ids only: the relay renders the
 * current state when it delivers, so a recreated topic or a retry shows fresh data.
 */
export const relayOutboundSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("open_topic"), ticketId: z.number().int() }),
  z.object({
    op: z.literal("parent_message"),
    ticketId: z.number().int(),
    messageId: z.number().int(),
    /** The FAQ already answered this message (a second question): the entry's title. */
    faqTitle: z.string().optional(),
  }),
  z.object({
    op: z.literal("parent_edit"),
    ticketId: z.number().int(),
    messageId: z.number().int(),
  }),
  z.object({ op: z.literal("sync_topic"), ticketId: z.number().int() }),
  z.object({
    op: z.literal("notice"),
    ticketId: z.number().int(),
    key: z.string(),
    args: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  }),
  z.object({
    op: z.literal("supervisor_alert"),
    ticketId: z.number().int(),
    key: z.string(),
    args: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  }),
  z.object({
    op: z.literal("general_text"),
    key: z.string(),
    args: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    /** The staff group it answers (a line's own); absent: the main group. */
    chatId: z.string().optional(),
  }),
  /** A reply the etiquette guard held back: the agent sees why, with "send anyway" / "edit". */
  z.object({
    op: z.literal("etiquette_warning"),
    ticketId: z.number().int(),
    draftId: z.number().int(),
  }),
  /** /info: the ticket's history summary in its topic. */
  z.object({ op: z.literal("info"), ticketId: z.number().int() }),
  /** /tickets: open tickets with the time left, in the General topic. */
  z.object({ op: z.literal("tickets_list"), chatId: z.string().optional() }),
  /** "Show" on the card: the card is shown again without masking (the tap is audited). */
  z.object({ op: z.literal("reveal_card"), ticketId: z.number().int() }),
  /** The one post in the group that an incident's linked tickets share (sent, then edited). */
  z.object({ op: z.literal("incident_summary"), incidentId: z.number().int() }),
  /**
   * /line: the ticket left its place for another line; a note in the old place (posted by
   * the old group's side), and the old topic closed when the new line has its own group.
   */
  z.object({
    op: z.literal("line_moved"),
    ticketId: z.number().int(),
    fromChatId: z.string(),
    fromThreadId: z.number().int().nullable(),
    fromCardMessageId: z.number().int().nullable(),
    from: z.string(),
    to: z.string(),
    /** The new line's key (site, booking, other), to know whether its group differs. */
    toLine: z.string(),
    /** Who moved it, for the note. */
    by: z.string(),
  }),
  /** /line: the ticket's history (masked), in its new place, with the files copied. */
  z.object({
    op: z.literal("line_history"),
    ticketId: z.number().int(),
    fromChatId: z.string(),
    from: z.string(),
  }),
]);
export type RelayOutbound = z.infer<typeof relayOutboundSchema>;

export type OutboundChannel = "telegram" | "vk" | "relay";
