import { z } from "zod";

/** A button press (Telegram callback query, VK payload or callback event), from an adapter. */
export const parentActionInputSchema = z.object({
  channel: z.enum(["telegram", "vk"]),
  externalUserId: z.string().min(1),
  /** The delivery's dedupe key (callback query id, VK event id). */
  eventKey: z.string().min(1).max(200),
  data: z.string().max(256),
  profile: z.object({
    displayName: z.string().default(""),
    username: z.string().optional(),
    languageCode: z.string().optional(),
  }),
});

export type ParentActionInput = z.input<typeof parentActionInputSchema>;

/** What the adapter shows right away: a short toast, and whether to drop the tapped buttons. */
export interface ActionReply {
  outcome: string;
  toast?: string;
  removeButtons?: boolean;
}
