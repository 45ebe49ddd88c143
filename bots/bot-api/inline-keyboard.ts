import type { Button } from "../../core/outbound/index.js";

export interface InlineKeyboardMarkup {
  inline_keyboard: ({ text: string; callback_data: string } | { text: string; url: string })[][];
}

/** Core's platform-neutral buttons as a Telegram inline keyboard. */
export function inlineKeyboard(rows: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!rows || rows.length === 0) return undefined;
  return {
    inline_keyboard: rows.map((row) =>
      row.map((button) =>
        "url" in button
          ? { text: button.label, url: button.url }
          : { text: button.label, callback_data: button.action },
      ),
    ),
  };
}
