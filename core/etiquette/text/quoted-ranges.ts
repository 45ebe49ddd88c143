import { blankRanges, type TextRange } from "./blank-ranges.js";

/**
 * «...», "..." and “...”: names of programs, buttons and sections are quoted. A name is
 * at most 200 characters: an unclosed quote then costs 200 reads, not the rest of the text.
 */
const QUOTED = /«[^»]{0,200}»|"[^"\n]{0,200}"|“[^”]{0,200}”|„[^“”]{0,200}[“”]/gu;

/**
 * The text with quoted names blanked: slang ("«ОК»", "«Инфа-центр»") and capitals
 * ("«ЮНЫЙ ТЕХНИК»") inside them are the name's own spelling, not the agent's.
 */
export function unquote(text: string): string {
  return blankRanges(text, quotedRanges(text));
}

/** Where the quoted names are, so detectors can leave a name's own spelling alone. */
export function quotedRanges(text: string): TextRange[] {
  return [...text.matchAll(QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
