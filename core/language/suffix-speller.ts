import nspell from "nspell";

/** One suffix rule entry as nspell parses it from the .aff file. */
interface AffixEntry {
  add: string;
  /** `strip$`, or "" when the entry strips nothing. */
  remove: RegExp | "";
  /** `condition$`, or "" when any stem qualifies. */
  match: RegExp | "";
}

interface AffixRule {
  type: "SFX" | "PFX";
  entries: AffixEntry[];
}

/** What the affix file must not use: this speller knows suffixes and one-letter flags only. */
interface ParsedAffix {
  rules: Record<string, AffixRule>;
  flags: Record<string, unknown>;
  compoundRules: unknown[];
}

/** A suffix entry indexed by what it appends, with the flag that names its rule. */
interface Suffix {
  flag: string;
  /** The letters `remove` strips from a stem ("" for none). */
  strip: string;
  remove: RegExp | "";
  match: RegExp | "";
}

/** Tells whether a word is one of the forms a Hunspell dictionary describes. */
export interface SuffixSpeller {
  correct(word: string): boolean;
  /** Stems in the dictionary. */
  readonly stems: number;
}

/**
 * A Hunspell speller for dictionaries made of suffix rules only (as dictionary-ru), that
 * accepts exactly the words nspell's `correct` accepts but never lists the forms: nspell
 * applies every rule of every stem up front (for Russian about 4 million forms, 170 MB and
 * 15 s), while this keeps the .dic file as one string with a hash table of its lines
 * (about 5 MB) and checks a word backwards: for each suffix it ends with, the stem it would come from must be in the list
 * with that rule's flag, and applying the rule to that stem must give the word back.
 * Matching is exact and case-sensitive, as nspell's is for a word already in lower case.
 */
export function createSuffixSpeller(aff: Buffer | string, dic: string): SuffixSpeller {
  const suffixes = indexSuffixes(aff);
  const stems = stemTable(dic);

  const hasRule = (stem: string, flag: string) => {
    const flags = stems.flagsOf(stem);
    return flags !== undefined && flags.includes(flag);
  };
  // A word is a stem itself, or a stem with one suffix rule applied (nspell's add.js: no
  // prefixes, continuation classes or compounds in these dictionaries).
  const correct = (word: string) => {
    if (word === "") return false;
    if (stems.flagsOf(word) !== undefined) return true;
    for (let cut = 0; cut <= Math.min(word.length, suffixes.longest); cut++) {
      const entries = suffixes.byAdd.get(word.slice(word.length - cut));
      if (!entries) continue;
      const base = word.slice(0, word.length - cut);
      const add = word.slice(word.length - cut);
      for (const entry of entries) {
        // The stem either ended with the stripped letters, or did not (then nspell's
        // `replace` strips nothing and only appends).
        for (const stem of entry.strip ? [base + entry.strip, base] : [base]) {
          if (stem === "" || (entry.match && !entry.match.test(stem))) continue;
          const formed = (entry.remove ? stem.replace(entry.remove, "") : stem) + add;
          if (formed === word && hasRule(stem, entry.flag)) return true;
        }
      }
    }
    return false;
  };
  return { correct, stems: stems.count };
}

/** The affix file's suffix entries by the letters each appends. */
function indexSuffixes(aff: Buffer | string): { byAdd: Map<string, Suffix[]>; longest: number } {
  const parsed = nspell(aff) as unknown as ParsedAffix;
  if (parsed.compoundRules.length > 0 || parsed.flags.FLAG !== undefined)
    throw new SpellerError("the affix file uses compound rules or multi-letter flags");
  // KEEPCASE only matters for the case variants nspell also tries; this speller is exact.
  for (const name of ["NEEDAFFIX", "ONLYINCOMPOUND", "FORBIDDENWORD"])
    if (parsed.flags[name]) throw new SpellerError(`the affix file uses ${name}`);
  const byAdd = new Map<string, Suffix[]>();
  let longest = 0;
  for (const [flag, rule] of Object.entries(parsed.rules)) {
    if (rule.type !== "SFX") throw new SpellerError(`rule ${flag} is not a suffix rule`);
    for (const entry of rule.entries) {
      const strip = entry.remove ? entry.remove.source.slice(0, -1) : "";
      if (!/^\p{L}*$/u.test(strip))
        throw new SpellerError(`rule ${flag} strips a pattern ("${strip}"), not letters`);
      const suffix: Suffix = { flag, strip, remove: entry.remove, match: entry.match };
      const list = byAdd.get(entry.add);
      if (list) list.push(suffix);
      else byAdd.set(entry.add, [suffix]);
      longest = Math.max(longest, entry.add.length);
    }
  }
  return { byAdd, longest };
}

const SLASH = 47;
const NEWLINE = 10;

/**
 * The .dic file kept as it was read (one flat string, about 4 MB for dictionary-ru) with
 * an open-addressing hash table of its line starts (an Int32Array): building it cuts no
 * string out of the file, so a process never holds the 146,000 lines as objects, not even
 * while it reads them.
 */
function stemTable(dic: string): {
  count: number;
  flagsOf(stem: string): string | undefined;
} {
  // nspell trims words and flags and skips lines starting with a tab; escaped slashes and
  // comments change a line's meaning. dictionary-ru has none of them: refuse any that does.
  const unsupported = /[\t\r #\\]/.exec(dic);
  if (unsupported)
    throw new SpellerError(`the dictionary uses ${JSON.stringify(unsupported[0])} in a line`);
  let count = 0;
  for (let at = dic.indexOf("\n"); at >= 0; at = dic.indexOf("\n", at + 1)) count++;
  const size = 2 ** Math.ceil(Math.log2(count * 2 + 2));
  const mask = size - 1;
  // Each slot holds a line's start + 1 (0 is empty).
  const slots = new Int32Array(size);
  // The first line is the stem count.
  let lines = 0;
  for (let start = dic.indexOf("\n") + 1; start > 0 && start < dic.length;) {
    const next = dic.indexOf("\n", start);
    const end = next < 0 ? dic.length : next;
    if (end > start && dic.charCodeAt(start) !== SLASH) {
      let slot = hashAt(dic, start) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = start + 1;
      lines++;
    }
    start = end + 1;
  }
  return {
    count: lines,
    flagsOf(stem) {
      // A stem listed twice has the rules of both lines (nspell's addRules).
      let flags: string | undefined;
      for (let slot = hashOf(stem) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
        const start = (slots[slot] ?? 1) - 1;
        if (!sameStem(dic, start, stem)) continue;
        const after = start + stem.length;
        const code = dic.charCodeAt(after);
        const own = code === SLASH ? dic.slice(after + 1, lineEnd(dic, after)) : "";
        flags = (flags ?? "") + own;
      }
      return flags;
    },
  };
}

/** FNV-1a over the stem of the line at `start` (up to "/" or the line's end). */
function hashAt(text: string, start: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === SLASH || code === NEWLINE) break;
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash >>> 0;
}

function hashOf(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Whether the line at `start` has exactly `stem` as its stem. */
function sameStem(text: string, start: number, stem: string): boolean {
  for (let k = 0; k < stem.length; k++)
    if (text.charCodeAt(start + k) !== stem.charCodeAt(k)) return false;
  const after = text.charCodeAt(start + stem.length);
  return after === SLASH || after === NEWLINE || Number.isNaN(after);
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

/** The affix file uses a feature this speller does not implement; use nspell for it. */
export class SpellerError extends Error {
  readonly code = "SPELLER_UNSUPPORTED_AFFIX";
  constructor(problem: string) {
    super(`The suffix speller cannot read this dictionary: ${problem}.`);
  }
}
