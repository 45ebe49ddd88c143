import type { IncomingUpdate, PollFetcher } from "../../core/runtime/index.js";

/** The part of a Bot API update the inbox needs (grammY's and Telegraf's types both fit). */
export interface RawUpdate {
  update_id: number;
}

export interface TelegramPollOptions {
  /** The inbox source (telegram for the parents' bot, relay for the staff bot). */
  source: string;
  botId: number;
  timeoutSeconds: number;
  allowedUpdates: readonly string[];
  /** Calls getUpdates with these parameters (the framework's client, so its transformers apply). */
  getUpdates(
    params: { offset?: number; limit: number; timeout: number; allowed_updates: string[] },
    signal: AbortSignal,
  ): Promise<RawUpdate[]>;
  isFatal(error: unknown): boolean;
}

const BATCH = 100;

/**
 * getUpdates as the leased poll loop uses it: the cursor is the next offset, so a fetch
 * confirms exactly the batches already stored; the key names the bot and the update.
 */
export function telegramPollFetcher(options: TelegramPollOptions): PollFetcher {
  return {
    isFatal: (error) => options.isFatal(error),
    async fetch(cursor, signal) {
      const updates = await options.getUpdates(
        {
          offset: cursor === undefined ? undefined : Number(cursor),
          limit: BATCH,
          timeout: options.timeoutSeconds,
          allowed_updates: [...options.allowedUpdates],
        },
        signal,
      );
      const last = updates.at(-1);
      return {
        updates: updates.map((u) => telegramIncoming(options.source, options.botId, u)),
        next: last ? String(last.update_id + 1) : cursor,
      };
    },
  };
}

/** An update as the inbox stores it (polling and webhook alike). */
export function telegramIncoming(source: string, botId: number, update: RawUpdate): IncomingUpdate {
  return {
    dedupeKey: telegramUpdateKey(botId, update.update_id),
    chatKey: `${source}:${chatKeyOf(update)}`,
    payload: update,
  };
}

/** The update's dedupe key; the parents' bot's operations claim the same key. */
export function telegramUpdateKey(botId: number, updateId: number): string {
  return `tg:${botId}:u:${updateId}`;
}

/**
 * The conversation an update belongs to, for ordering: its chat and forum topic (its
 * sender when there is no chat; the update alone otherwise).
 */
function chatKeyOf(update: RawUpdate): string {
  const body = Object.values(update).find((v) => typeof v === "object" && v !== null) as
    | {
        chat?: { id?: unknown };
        from?: { id?: unknown };
        message_thread_id?: unknown;
        message?: { chat?: { id?: unknown }; message_thread_id?: unknown };
      }
    | undefined;
  const chat = body?.chat?.id ?? body?.message?.chat?.id;
  const thread = body?.message_thread_id ?? body?.message?.message_thread_id;
  if (typeof chat === "number" || typeof chat === "string")
    return typeof thread === "number" ? `${chat}:${thread}` : String(chat);
  const from = body?.from?.id;
  return typeof from === "number" ? `u${from}` : `update:${update.update_id}`;
}
