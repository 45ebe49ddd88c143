import type { I18n } from "../../core/i18n/index.js";
import { encodeButton } from "./callback-data.js";

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/**
 * The card's one-tap actions for the ticket's status: take / solved / hold while open,
 * take / solved on hold, reopen when solved, nothing when closed; "show" while the card
 * hides personal data.
 */
export function cardKeyboard(
  i18n: I18n,
  ticket: { id: number; status: string },
  options: { canReveal: boolean },
): InlineKeyboard {
  const t = (key: string) => i18n.t("ru", key);
  const button = (label: string, kind: "take" | "resolve" | "hold" | "reopen" | "reveal") => ({
    text: t(label),
    callback_data: encodeButton({ kind, ticketId: ticket.id }),
  });
  const rows: InlineKeyboard["inline_keyboard"] = [];
  switch (ticket.status) {
    case "new":
    case "waiting_agent":
    case "waiting_parent":
      rows.push([
        button("relay-button-take", "take"),
        button("relay-button-resolve", "resolve"),
        button("relay-button-hold", "hold"),
      ]);
      break;
    case "on_hold":
      rows.push([button("relay-button-take", "take"), button("relay-button-resolve", "resolve")]);
      break;
    case "resolved":
      rows.push([button("relay-button-reopen", "reopen")]);
      break;
  }
  if (options.canReveal) rows.push([button("relay-button-reveal", "reveal")]);
  return { inline_keyboard: rows };
}

/** "Show" under one relayed parent message whose personal data the group sees masked. */
export function revealKeyboard(i18n: I18n, messageId: number): InlineKeyboard {
  return {
    inline_keyboard: [
      [
        {
          text: i18n.t("ru", "relay-button-reveal"),
          callback_data: encodeButton({ kind: "reveal_message", messageId }),
        },
      ],
    ],
  };
}
