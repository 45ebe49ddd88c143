import type { Types } from "telegraf";
import type { I18n } from "../../core/i18n/index.js";
import type { Logger } from "../../core/observability/index.js";
import { staffView } from "../../core/privacy/index.js";
import { splitText } from "../bot-api/index.js";
import type { Budget } from "./budget.js";
import type { RelayRuntime } from "./relay-runtime.js";

/**
 * A staff text from a key other parts of core choose (SLA warnings, notices). A key that
 * is missing from the locale files still reaches the agents, raw, instead of being lost.
 */
export function staffText(
  i18n: I18n,
  logger: Logger,
  key: string,
  args: Record<string, string | number> = {},
): string {
  if (i18n.has("ru", key)) {
    try {
      return i18n.t("ru", key, args);
    } catch (error) {
      logger.warn({ key, err: error }, "staff text could not be formatted");
    }
  } else {
    logger.warn({ key }, "staff text key is missing from locales/ru");
  }
  const details = Object.entries(args).map(([k, v]) => `${k}=${v}`);
  return [key, ...details].join(" ");
}

export function textUnits(text: string): number {
  return splitText(staffView(text)).length;
}

/**
 * A plain text (no parse_mode: nothing in it can break) in parts, buttons on the last one.
 * Masked before it is split, so the parts stay within Telegram's length.
 */
export async function sendText(
  rt: RelayRuntime,
  budget: Budget,
  chatId: string,
  text: string,
  extra: Types.ExtraReplyMessage = {},
): Promise<number> {
  const parts = splitText(staffView(text));
  const { reply_markup, ...rest } = extra;
  let first: number | undefined;
  for (const [i, part] of parts.entries()) {
    await budget.spend(1);
    const last = i === parts.length - 1;
    const sent = await rt.telegram.sendMessage(chatId, part, {
      ...rest,
      ...(last && reply_markup ? { reply_markup } : {}),
    });
    first ??= sent.message_id;
  }
  return first ?? 0;
}
