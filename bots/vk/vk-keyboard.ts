import type { Button } from "../../core/outbound/index.js";
import { encodeButtonPayload } from "./button-payload.js";

/** VK's limits (dev.vk.com "keyboard"): inline 5 × 6 and 10 keys, standard 5 × 10 and 40 keys. */
export const keyboardLimits = {
  inline: { columns: 5, rows: 6, buttons: 10 },
  standard: { columns: 5, rows: 10, buttons: 40 },
} as const;

/** Longest label VK shows; longer ones are refused with error 911. */
export const MAX_LABEL_LENGTH = 40;

type VkAction =
  | { type: "callback" | "text"; label: string; payload: string }
  | { type: "open_link"; label: string; link: string };

export interface VkKeyboardJson {
  inline?: true;
  one_time?: true;
  buttons: { action: VkAction }[][];
}

/**
 * Core's buttons as a VK keyboard. Up to 10 buttons become an inline keyboard of
 * callback buttons under the message (answered through message_event); a longer menu
 * becomes a one-time standard keyboard of text buttons (the tap arrives as message_new
 * with the payload). Rows too wide or too many are re-flowed to fit VK's grid.
 */
export function vkKeyboard(rows: Button[][] | undefined): VkKeyboardJson | undefined {
  const nonEmpty = (rows ?? []).filter((row) => row.length > 0);
  const total = nonEmpty.reduce((sum, row) => sum + row.length, 0);
  if (total === 0) return undefined;
  const inline = total <= keyboardLimits.inline.buttons;
  const limits = inline ? keyboardLimits.inline : keyboardLimits.standard;
  const grid = fitGrid(nonEmpty, limits).map((row) =>
    row.map((button) => ({ action: toAction(button, inline ? "callback" : "text") })),
  );
  return inline ? { inline: true, buttons: grid } : { one_time: true, buttons: grid };
}

function toAction(button: Button, kind: "callback" | "text"): VkAction {
  const label = truncateLabel(button.label);
  return "url" in button
    ? { type: "open_link", label, link: button.url }
    : { type: kind, label, payload: encodeButtonPayload(button.action) };
}

/** Splits rows wider than the grid, then, when there are too many rows, packs them evenly. */
function fitGrid<T>(rows: T[][], limits: { columns: number; rows: number; buttons: number }) {
  const narrow = rows.flatMap((row) => chunk(row, limits.columns));
  if (narrow.length <= limits.rows) return narrow;
  const all = narrow.flat().slice(0, limits.buttons);
  const perRow = Math.min(limits.columns, Math.ceil(all.length / limits.rows));
  return chunk(all, perRow);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Counts characters, not UTF-16 units, as VK does (an emoji is one character). */
export function truncateLabel(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL_LENGTH
    ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join("")}…`
    : label;
}
