import type { TextRange } from "./blank-ranges.js";

/** «...», "..." and “...”: names of programs, buttons and sections are quoted. */
const QUOTED = /«[^»]*»|"[^"\n]*"|“[^”]*”|„[^“”]*[“”]/gu;

/** Where the quoted names are, so detectors can leave a name's own spelling alone. */
export function quotedRanges(text: string): TextRange[] {
  return [...text.matchAll(QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
