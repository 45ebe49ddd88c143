import type { TextMatch } from "../etiquette-verdict.js";
import { createRangeClaims } from "../../shared/range-claims.js";
import { distinctMatches } from "../text/distinct-matches.js";
import { HAS_LOOKALIKE, toCyrillicLookalikes } from "./lookalikes.js";
import { profanityDictionary, type ProfanityDictionary } from "./profanity-dictionary.js";

/** A run of word characters; "*" and "@" are kept as they stand for hidden letters. */
const RUN = /[\p{L}\p{N}@*]+/gu;
/**
 * What people put between the letters of a spaced-out word: "х у й", "б.л.я". Sticky and
 * tested in place (see `isGap`), so a chain of 8,000 letters cuts no string per gap.
 */
const LETTER_GAP = /[\s.,\-_|/\\]{1,3}/uy;
/** What splits a word into parts: "пиз-дец", "по.хую". */
const PART_GAP = /[.\-_|·]/uy;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const STAR = "*".charCodeAt(0);
/** A letter tested without a unicode property: the Russian and Latin alphabets. */
const COMMON_LETTER = /^[а-яёa-z]$/i;

interface Run {
  index: number;
  text: string;
}

/**
 * Runs that may be one word: "х у й" (single letters, three or more), "пиз-дец" (parts).
 * `maxParts` bounds a window so that a long chain ("а а а а …", 8,000 letters) costs time
 * linear in its length: no spaced-out obscene word has more than 16 letters
 * ("в ы ё б ы в а т ь с я" has 12), and none is split into more than four parts.
 */
const JOINS = [
  { gap: LETTER_GAP, partLength: 1, minParts: 3, maxParts: 16 },
  { gap: PART_GAP, partLength: Infinity, minParts: 2, maxParts: 4 },
] as const;

/** `squeeze` for 2 and 3 repeats, compiled once. */
const REPEATS = new Map(
  [2, 3].map((times) => [times, new RegExp(`(\\p{L})\\1{${times - 1},}`, "gu")]),
);

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
  // Each spelling once, at most MAX_FINDINGS_PER_RULE: the reading stops when full.
  const found = distinctMatches();
  const claims = createRangeClaims(prose.length);
  const claim = (index: number, text: string): boolean => {
    if (!claims.claim(index, index + text.length)) return false;
    found.add({ index, text });
    return true;
  };

  // No word of the lists is a single letter: those runs matter only joined ("х у й").
  // A word (or joined window) met again is judged once: replies repeat words, and hostile
  // texts repeat little else. Runs and windows share it: a window joins letters only, and
  // a run whose letters are obscene is obscene as a window too.
  const verdicts = new Map<string, boolean>();
  // Both joins often find the same chain ("б.л.я.б.л.я…" is one for each): its starts are
  // worked out once. Runs are consecutive, so the first run and the length name a chain.
  const startsOf = new Map<string, boolean[]>();
  for (const run of runs) {
    if (found.full) return found.sorted();
    if (run.text.length < 2) continue;
    let obscene = verdicts.get(run.text);
    if (obscene === undefined)
      verdicts.set(run.text, (obscene = isObsceneRun(run.text, dictionary)));
    if (obscene) claim(run.index, run.text);
  }
  for (const join of JOINS)
    for (const chain of chains(prose, runs, join.gap, join.partLength)) {
      const key = `${(chain[0] as Run).index}:${chain.length}`;
      let starts = startsOf.get(key);
      if (!starts) startsOf.set(key, (starts = possibleStarts(chain, dictionary)));
      for (let from = 0; from + join.minParts <= chain.length; from++) {
        if (found.full) return found.sorted();
        const first = chain[from] as Run;
        // A window from inside a finding overlaps it; one no word can start is skipped whole.
        if (claims.isClaimed(first.index) || !starts[from]) continue;
        // The windows from here, the longest first: each joined word built once by
        // extending the one before, not by slicing and joining the parts again.
        const end = Math.min(chain.length, from + join.maxParts);
        const words: string[] = [];
        let joined = "";
        for (let to = from; to < end; to++) words.push((joined += (chain[to] as Run).text));
        for (let to = end; to - from >= join.minParts; to--) {
          const word = words[to - from - 1] as string;
          let obscene = verdicts.get(word);
          if (obscene === undefined)
            verdicts.set(word, (obscene = isObsceneWord(word, dictionary)));
          if (!obscene) continue;
          const last = chain[to - 1] as Run;
          if (claim(first.index, prose.slice(first.index, last.index + last.text.length))) break;
        }
      }
    }
  return found.sorted();
}

function wordRuns(prose: string): Run[] {
  const runs: Run[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(prose); m !== null; m = RUN.exec(prose)) {
    // Leading asterisks are emphasis or a footnote mark, not hidden letters.
    const lead = m[0].charCodeAt(0) === STAR ? (/^\*+/.exec(m[0])?.[0].length ?? 0) : 0;
    const text = lead === 0 ? m[0] : m[0].slice(lead);
    // Most runs start with a letter: the pattern only for the others ("12", "5мб").
    if (COMMON_LETTER.test(text.charAt(0)) || /\p{L}/u.test(text))
      runs.push({ index: m.index + lead, text });
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
  if (dictionary.isObscene(cyrillic)) return true;
  const three = squeeze(cyrillic, 3);
  if (three !== cyrillic && dictionary.isObscene(three)) return true;
  const two = squeeze(three, 2);
  return two !== three && dictionary.isObscene(two);
}

/** Letters repeated `times` (2 or 3) or more in a row become one: "бляяять" -> "блять". */
function squeeze(word: string, times: 2 | 3): string {
  return word.replace(REPEATS.get(times) as RegExp, "$1");
}

/**
 * Which runs of a chain a word may start at: one bounded test per run on the chain
 * written once in each alphabet with repeats folded, instead of every window from there.
 */
function possibleStarts(chain: readonly Run[], dictionary: ProfanityDictionary): boolean[] {
  const starts = chain.map(() => false);
  const lower = squeezedChain(chain, (t) => t.toLowerCase());
  // A chain without look-alikes reads the same in Cyrillic: spelt and tested once.
  const spellings = HAS_LOOKALIKE.test(lower.text)
    ? [lower, squeezedChain(chain, toCyrillicLookalikes)]
    : [lower];
  for (const { text, offsets } of spellings)
    offsets.forEach((at, i) => {
      if (!starts[i]) starts[i] = dictionary.mayStartAt(text, at);
    });
  return starts;
}

interface SqueezedChain {
  text: string;
  /** Where each run of the chain starts in `text`. */
  offsets: number[];
}

/** The chain written once in one spelling, letters repeated in a row folded into one. */
function squeezedChain(chain: readonly Run[], spell: (text: string) => string): SqueezedChain {
  let text = "";
  let last = "";
  const offsets = chain.map((run) => {
    const piece = spell(run.text);
    // A run that begins with the letter the text ends with starts on that letter.
    const offset = text.length - (piece.startsWith(last) && last !== "" ? last.length : 0);
    for (const ch of piece) if (ch !== last) text += last = ch;
    return offset;
  });
  return { text, offsets };
}

/** Consecutive runs separated by `gap`, each at most `partLength` letters long. */
function chains(prose: string, runs: readonly Run[], gap: RegExp, partLength: number): Run[][] {
  const result: Run[][] = [];
  let current: Run[] = [];
  for (const run of runs) {
    const previous = current[current.length - 1];
    const fits = run.text.length <= partLength && !run.text.includes("*");
    const joins =
      previous !== undefined && isGap(gap, prose, previous.index + previous.text.length, run.index);
    if (fits && joins) current.push(run);
    else {
      if (current.length > 1) result.push(current);
      current = fits ? [run] : [];
    }
  }
  if (current.length > 1) result.push(current);
  return result;
}

/** Whether `gap` (sticky) covers exactly [from, to) of the text. */
function isGap(gap: RegExp, text: string, from: number, to: number): boolean {
  if (to - from > 3) return false; // no gap is longer: spares the pattern
  gap.lastIndex = from;
  return gap.test(text) && gap.lastIndex === to;
}
