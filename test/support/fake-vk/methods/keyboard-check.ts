import { z } from "zod";
import { VkApiError } from "../api-error.js";
import type { VkKeyboard } from "../types.js";

const LABELLED = new Set(["text", "callback", "open_link", "open_app"]);

const actionSchema = z.looseObject({
  type: z.enum([
    "text",
    "callback",
    "open_link",
    "location",
    "vkpay",
    "open_app",
    "intent_subscribe",
    "intent_unsubscribe",
  ]),
  label: z.string().min(1).max(40).optional(),
  payload: z.string().max(255).optional(),
  link: z.string().optional(),
});

const buttonSchema = z.looseObject({
  action: actionSchema,
  color: z.enum(["primary", "secondary", "negative", "positive", "default"]).optional(),
});

const keyboardSchema = z.looseObject({
  one_time: z.boolean().optional(),
  inline: z.boolean().optional(),
  buttons: z.array(z.array(buttonSchema)),
});

/** dev.vk.com keyboard limits: inline 5 × 6 and 10 keys, standard 5 × 10 and 40 keys. */
const LIMITS = {
  inline: { columns: 5, rows: 6, buttons: 10 },
  standard: { columns: 5, rows: 10, buttons: 40 },
};

function invalid(detail: string): VkApiError {
  return new VkApiError(911, detail);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalid("invalid json");
  }
}

function checkButtons(keyboard: VkKeyboard): void {
  const limits = keyboard.inline === true ? LIMITS.inline : LIMITS.standard;
  const kind = keyboard.inline === true ? "inline keyboard" : "keyboard";
  if (keyboard.buttons.length > limits.rows) throw invalid(`${kind} has too many rows`);
  if (keyboard.buttons.some((row) => row.length === 0)) throw invalid("empty row");
  if (keyboard.buttons.some((row) => row.length > limits.columns)) {
    throw invalid(`${kind} has too many buttons in a row`);
  }
  const total = keyboard.buttons.reduce((sum, row) => sum + row.length, 0);
  if (total > limits.buttons) throw invalid(`${kind} has too many buttons`);
  for (const { action } of keyboard.buttons.flat()) {
    if (LABELLED.has(action.type) && action.label === undefined) throw invalid("label required");
    if (action.payload !== undefined) parseJson(action.payload);
  }
}

/** Parses the `keyboard` parameter as VK does, throwing error 911 when it is malformed. */
export function parseKeyboard(raw: string): VkKeyboard {
  const parsed = keyboardSchema.safeParse(parseJson(raw));
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "bad structure");
  const keyboard = parsed.data;
  if (keyboard.inline === true && keyboard.one_time === true) {
    throw invalid("one_time is not supported for inline keyboards");
  }
  checkButtons(keyboard);
  return keyboard;
}
