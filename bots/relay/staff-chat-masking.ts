import type { Telegram } from "telegraf";
import { staffView, staffViewWithSpans, type TextSpan } from "../../core/privacy/index.js";

type Payload = Record<string, unknown>;

/** A text field of a Bot API call and the field holding its entities. */
const TEXT_FIELDS = [
  ["text", "entities"],
  ["caption", "caption_entities"],
  // A topic's name: a parent's display name can be a phone number.
  ["name", undefined],
] as const;

function maskFields(payload: Payload): Payload {
  const out: Payload = { ...payload };
  for (const [field, entitiesField] of TEXT_FIELDS) {
    const text = out[field];
    if (typeof text !== "string") continue;
    const spans = entitiesField ? out[entitiesField] : undefined;
    if (entitiesField && Array.isArray(spans) && spans.length > 0) {
      const masked = staffViewWithSpans(text, spans as TextSpan[]);
      out[field] = masked.text;
      out[entitiesField] = masked.spans;
    } else {
      out[field] = staffView(text);
    }
  }
  if (Array.isArray(out.media)) out.media = out.media.map((item: Payload) => maskFields(item));
  return out;
}

/**
 * Every Bot API call this Telegram client addresses to one of `chatIds` (the staff group,
 * the supervisors' chat) has its texts, captions and topic names masked (core/privacy
 * `staffView`) on the way out, whichever code path made it. What an agent asked to see
 * goes to that agent alone (a private chat, a callback answer), which is not masked.
 */
export function maskPersonalDataInChats(telegram: Telegram, chatIds: readonly string[]): void {
  const chats = new Set(chatIds.filter(Boolean));
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = ((method: string, payload: Payload, options?: unknown) => {
    const chatId = payload?.chat_id;
    const toChat = typeof chatId === "number" || typeof chatId === "string";
    const masked = toChat && chats.has(String(chatId)) ? maskFields(payload) : payload;
    return (call as (m: string, p: Payload, o?: unknown) => Promise<unknown>)(
      method,
      masked,
      options,
    );
  }) as Telegram["callApi"];
}
