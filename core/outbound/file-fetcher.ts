import type { Attachment } from "../tickets/attachment.js";

export interface FetchedFile {
  data: Buffer;
  fileName: string;
  mimeType?: string;
}

/**
 * Downloads a file a person sent on one channel, so another bot can upload it again:
 * Telegram file ids belong to the bot that received them, so the staff relay bot cannot
 * reuse the parents' bot's ids (and VK and Telegram share nothing at all).
 */
export type FileFetcher = (attachment: Attachment) => Promise<FetchedFile>;

/** One fetcher per channel that receives files; the app registers them. */
export type FileFetchers = Partial<Record<"telegram" | "vk" | "relay", FileFetcher>>;
