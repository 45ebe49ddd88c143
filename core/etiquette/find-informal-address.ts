import type { TextMatch } from "./etiquette-verdict.js";
import { blankRanges } from "./text/blank-ranges.js";
import { findWords } from "./text/find-words.js";
import { quotedRanges } from "./text/quoted-ranges.js";

/** "ты" in every case, and "твой" in every form (ё folded into е). */
const INFORMAL = new Set([
  "ты",
  "тебя",
  "тебе",
  "тобой",
  "тобою",
  "твой",
  "твоя",
  "твое",
  "твои",
  "твоего",
  "твоей",
  "твоему",
  "твоим",
  "твоими",
  "твоих",
  "твою",
]);

/**
 * "Ты" to a parent (the seed's polite "вы" in a service reply). Whole words only, so
 * "опыты" or "тебенёк" never match; quoted text («ты где?» — the parent's own words) and
 * lines quoted with ">" are left alone. One pass over the text.
 */
export function findInformalAddress(prose: string): TextMatch[] {
  return findWords(blankRanges(prose, [...quotedRanges(prose), ...quotedLines(prose)]), INFORMAL);
}

function quotedLines(text: string) {
  return [...text.matchAll(/^[ \t]*>.*$/gmu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}
