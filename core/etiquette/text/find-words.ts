import type { TextMatch } from "../etiquette-verdict.js";
import { distinctMatches } from "./distinct-matches.js";
import { foldText } from "./fold-text.js";

/** A word: a run of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Whole words of `text` that are in `words` (given folded: lower case, ё as е), as
 * written: each word once (folded: "Ты" and "ты" are one), at most
 * `MAX_FINDINGS_PER_RULE` of them. One pass over the text, whatever the size of the list.
 */
export function findWords(text: string, words: ReadonlySet<string>): TextMatch[] {
  if (words.size === 0) return [];
  const found = distinctMatches();
  const folded = foldText(text);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m !== null && !found.full; m = WORD.exec(folded))
    if (words.has(m[0]) && !found.has(m[0]))
      found.add({ index: m.index, text: text.slice(m.index, m.index + m[0].length) }, m[0]);
  return found.sorted();
}
