import { blankRanges, type TextRange } from "./blank-ranges.js";

/**
 * «...», "..." and “...” (and „...“): names of programs, buttons and sections are quoted.
 * A name is at most `MAX_NAME` characters and a "..." name stays on one line.
 */
const CLOSERS: Readonly<Record<string, string>> = { "«": "»", '"': '"', "“": "”", "„": "“”" };
const OPENER = /[«"“„]/gu;
const MAX_NAME = 200;

/**
 * The text with quoted names blanked: slang ("«ОК»", "«Инфа-центр»") and capitals
 * ("«ЮНЫЙ ТЕХНИК»") inside them are the name's own spelling, not the agent's.
 */
export function unquote(text: string): string {
  return blankRanges(text, quotedRanges(text));
}

/**
 * Where the quoted names are, so detectors can leave a name's own spelling alone: each
 * opening quote with the first closing one after it, left to right without overlaps. The
 * next closing quote (and line end) is remembered until passed, so a text of unclosed
 * quotes ("«««…") costs one pass, not `MAX_NAME` reads per quote.
 */
export function quotedRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  const next = new Map<string, number>();
  /** The first of `chars` at or after `from`, or -1. */
  const nextOf = (chars: string, from: number): number => {
    let at = next.get(chars);
    if (at === undefined || (at !== -1 && at < from)) {
      at = -1;
      for (const ch of chars) {
        const found = text.indexOf(ch, from);
        if (found !== -1 && (at === -1 || found < at)) at = found;
      }
      next.set(chars, at);
    }
    return at;
  };
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(text); m; m = OPENER.exec(text)) {
    const open = m.index;
    const close = nextOf(CLOSERS[m[0]] as string, open + 1);
    if (close === -1 || !fitsName(text, open + 1, close)) continue;
    if (m[0] === '"') {
      const lineEnd = nextOf("\n", open + 1);
      if (lineEnd !== -1 && lineEnd < close) continue;
    }
    ranges.push({ start: open, end: close + 1 });
    OPENER.lastIndex = close + 1;
  }
  return ranges;
}

/** At most `MAX_NAME` characters (code points, as a pattern counts them) in [from, to). */
function fitsName(text: string, from: number, to: number): boolean {
  if (to - from <= MAX_NAME) return true;
  if (to - from > 2 * MAX_NAME) return false;
  return [...text.slice(from, to)].length <= MAX_NAME;
}
