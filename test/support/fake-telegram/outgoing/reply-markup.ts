import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { z } from "zod";
import { badRequest } from "../api-error.js";

const buttonSchema = z.looseObject({
  text: z.string(),
  callback_data: z.string().optional(),
  url: z.string().optional(),
  copy_text: z.object({ text: z.string() }).optional(),
  switch_inline_query: z.string().optional(),
  switch_inline_query_current_chat: z.string().optional(),
  web_app: z.object({ url: z.string() }).optional(),
  login_url: z.object({ url: z.string() }).optional(),
});

const inlineMarkupSchema = z.looseObject({ inline_keyboard: z.array(z.array(z.unknown())) });

/** callback_data is 1–64 bytes (UTF-8), not characters. */
const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * Validates `reply_markup` and returns what the message will carry: the inline keyboard, or
 * nothing for reply keyboards and removals (Telegram does not echo those in the Message).
 * Errors as Telegram words them: BUTTON_DATA_INVALID for oversized callback_data.
 */
export function parseReplyMarkup(raw: unknown): InlineKeyboardMarkup | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const value = typeof raw === "string" ? parseJson(raw) : raw;
  if (typeof value !== "object" || value === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  if (!("inline_keyboard" in value)) return undefined;
  const markup = inlineMarkupSchema.safeParse(value);
  if (!markup.success) throw badRequest('field "inline_keyboard" must be an Array of Arrays');
  return { inline_keyboard: markup.data.inline_keyboard.map((row) => row.map(parseButton)) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
}

function parseButton(raw: unknown): InlineKeyboardButton {
  const parsed = buttonSchema.safeParse(raw);
  if (!parsed.success)
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const button = parsed.data;
  const { text } = button;
  if (button.callback_data !== undefined) {
    const size = Buffer.byteLength(button.callback_data, "utf8");
    if (size < 1 || size > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
    return { text, callback_data: button.callback_data };
  }
  if (button.url !== undefined) return { text, url: checkUrl(button.url) };
  if (button.login_url !== undefined) return { text, url: checkUrl(button.login_url.url) };
  if (button.copy_text !== undefined) return { text, copy_text: button.copy_text };
  if (button.switch_inline_query !== undefined)
    return { text, switch_inline_query: button.switch_inline_query };
  if (button.switch_inline_query_current_chat !== undefined) {
    return { text, switch_inline_query_current_chat: button.switch_inline_query_current_chat };
  }
  if (button.web_app !== undefined) return { text, web_app: button.web_app };
  throw badRequest(
    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  );
}

function checkUrl(url: string): string {
  if (!/^(https?|tg):\/\/\S+$/i.test(url))
    throw badRequest(`inline keyboard button URL '${url}' is invalid`);
  return url;
}
