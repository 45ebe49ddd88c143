import type { TextMatch } from "../etiquette-verdict.js";
import { toCyrillicLookalikes } from "./lookalikes.js";
import { profanityDictionary, type ProfanityDictionary } from "./profanity-dictionary.js";

/** A run of word characters; "*" and "@" are kept as they stand for hidden letters. */
const RUN = /[\p{L}\p{N}@*]+/gu;
/** What people put between the letters of a spaced-out word: "х у й", "б.л.я". */
const LETTER_GAP = /^[\s.,\-_|/\\]{1,3}$/u;
/** What splits a word into parts: "пиз-дец", "по.хую". */
const PART_GAP = /^[.\-_|·]$/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

interface Run {
  index: number;
  text: string;
}

/** Runs that may be one word: "х у й" (single letters, three or more), "пиз-дец" (parts). */
const JOINS = [
  { gap: LETTER_GAP, partLength: 1, minParts: 3 },
  { gap: PART_GAP, partLength: Infinity, minParts: 2 },
] as const;

/**
 * Obscene words in a reply, with their usual disguises: look-alike Latin letters and
 * digits, stretched letters ("бляяя"), letters spaced out or split by dots, dashes or
 * asterisks, and letters hidden behind asterisks ("п**дец").
 */
export function findProfanity(
  prose: string,
  dictionary: ProfanityDictionary = profanityDictionary(),
): TextMatch[] {
  const runs = wordRuns(prose);
  const found: TextMatch[] = [];
  const claim = (index: number, text: string) => {
    const end = index + text.length;
    if (!found.some((f) => index < f.index + f.text.length && f.index < end))
      found.push({ index, text });
  };

  for (const run of runs) if (isObsceneRun(run.text, dictionary)) claim(run.index, run.text);
  for (const join of JOINS)
    for (const chain of chains(prose, runs, join.gap, join.partLength))
      for (const parts of windows(chain, join.minParts)) {
        if (!isObsceneWord(parts.map((p) => p.text).join(""), dictionary)) continue;
        const first = parts[0] as Run;
        const last = parts[parts.length - 1] as Run;
        claim(first.index, prose.slice(first.index, last.index + last.text.length));
      }
  return found.sort((a, b) => a.index - b.index);
}

function wordRuns(prose: string): Run[] {
  const runs: Run[] = [];
  for (const m of prose.matchAll(RUN)) {
    // Leading asterisks are emphasis or a footnote mark, not hidden letters.
    const lead = /^\*+/.exec(m[0])?.[0].length ?? 0;
    const text = m[0].slice(lead);
    if (/\p{L}/u.test(text)) runs.push({ index: m.index + lead, text });
  }
  return runs;
}

function isObsceneRun(text: string, dictionary: ProfanityDictionary): boolean {
  const letters = text.replace(/\*+$/, "");
  const trailingStars = text.length - letters.length;
  if (letters.includes("*")) {
    if (isObsceneWord(letters.replace(/\*+/g, ""), dictionary)) return true;
    return isMasked(letters, dictionary);
  }
  if (isObsceneWord(letters, dictionary)) return true;
  // "бл**" and the like: letters then hidden ones (one trailing star is a footnote).
  return trailingStars >= 2 && isMasked(text, dictionary);
}

/** Letters replaced by asterisks, where the visible start begins an obscene root. */
function isMasked(text: string, dictionary: ProfanityDictionary): boolean {
  const visible = text.slice(0, text.indexOf("*"));
  if (visible.length === 0 || !CYRILLIC.test(text)) return false;
  return dictionary.startsObsceneRoot(toCyrillicLookalikes(visible));
}

/** One word without asterisks, in any of its disguises. */
function isObsceneWord(word: string, dictionary: ProfanityDictionary): boolean {
  const lower = word.toLowerCase();
  if (/^[a-z']+$/.test(lower)) {
    if (dictionary.isObsceneTransliterated(lower)) return true;
    // Short English words ("hax", "hex") would read as Cyrillic by accident.
    if (lower.length < 4) return false;
  }
  const cyrillic = toCyrillicLookalikes(word);
  const variants = new Set([cyrillic, squeeze(cyrillic, 3), squeeze(cyrillic, 2)]);
  return [...variants].some((v) => dictionary.isObscene(v));
}

/** Letters repeated `times` or more in a row become one: "бляяять" -> "блять". */
function squeeze(word: string, times: number): string {
  return word.replace(new RegExp(`(\\p{L})\\1{${times - 1},}`, "gu"), "$1");
}

/** Consecutive runs separated by `gap`, each at most `partLength` letters long. */
function chains(prose: string, runs: readonly Run[], gap: RegExp, partLength: number): Run[][] {
  const result: Run[][] = [];
  let current: Run[] = [];
  for (const run of runs) {
    const previous = current[current.length - 1];
    const fits = run.text.length <= partLength && !run.text.includes("*");
    const joins =
      previous !== undefined &&
      gap.test(prose.slice(previous.index + previous.text.length, run.index));
    if (fits && joins) current.push(run);
    else {
      if (current.length > 1) result.push(current);
      current = fits ? [run] : [];
    }
  }
  if (current.length > 1) result.push(current);
  return result;
}

/** Every contiguous stretch of at least `min` runs, the longest first from each start. */
function* windows(chain: readonly Run[], min: number): Generator<Run[]> {
  for (let from = 0; from < chain.length; from++)
    for (let to = chain.length; to - from >= min; to--) yield chain.slice(from, to);
}
