/**
 * Latin letters, digits and signs typed for Cyrillic ones to slip past a filter
 * ("xyй", "пи3да", "6лядь"). Only letters that look alike in lower case are mapped.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  n: "п",
  o: "о",
  p: "р",
  r: "г",
  t: "т",
  u: "и",
  x: "х",
  y: "у",
  "0": "о",
  "3": "з",
  "4": "ч",
  "6": "б",
  "@": "а",
};

/** A lower-case text that `toCyrillicLookalikes` would change. */
export const HAS_LOOKALIKE = new RegExp(`[ё${Object.keys(LOOKALIKES).join("")}]`, "u");

/** Lower case, ё as е, look-alike Latin letters and digits as the Cyrillic letters. */
export function toCyrillicLookalikes(word: string): string {
  let out = "";
  for (const ch of word.toLowerCase()) {
    const letter = ch === "ё" ? "е" : ch;
    out += LOOKALIKES[letter] ?? letter;
  }
  return out;
}
