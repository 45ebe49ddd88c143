import type { TextMatch } from "../etiquette-verdict.js";
import { foldText } from "./fold-text.js";

/** A word: a run of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Whole words of `text` that are in `words` (given folded: lower case, ё as е), as
 * written. One pass over the text, whatever the size of the list.
 */
export function findWords(text: string, words: ReadonlySet<string>): TextMatch[] {
  if (words.size === 0) return [];
  const found: TextMatch[] = [];
  for (const m of foldText(text).matchAll(WORD))
    if (words.has(m[0]))
      found.push({ index: m.index, text: text.slice(m.index, m.index + m[0].length) });
  return found;
}
