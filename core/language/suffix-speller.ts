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
 * 15 s), while this keeps the stem list as one sorted string (about 4 MB) and checks a word
 * backwards: for each suffix it ends with, the stem it would come from must be in the list
 * with that rule's flag, and applying the rule to that stem must give the word back.
 * Matching is exact and case-sensitive, as nspell's is for a word already in lower case.
 */
export function createSuffixSpeller(aff: Buffer | string, dic: string): SuffixSpeller {
  const suffixes = indexSuffixes(aff);
  const stems = sortedStems(dic);

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

/**
 * The .dic lines ("стем/FLAGS"), sorted by stem and joined into one string with the start
 * of each line in an Int32Array: two objects instead of 146,000 strings, searched in place.
 */
function sortedStems(dic: string): {
  count: number;
  flagsOf(stem: string): string | undefined;
} {
  const lines = new Map<string, string>();
  // The first line is the stem count; nspell's parser trims words and flags.
  for (const raw of dic.split("\n").slice(1)) {
    const slash = raw.indexOf("/");
    const stem = (slash < 0 ? raw : raw.slice(0, slash)).trim();
    if (stem === "") continue;
    const flags = slash < 0 ? "" : raw.slice(slash + 1).trim();
    // A stem listed twice has the rules of both lines (nspell's addRules).
    lines.set(stem, (lines.get(stem) ?? "") + flags);
  }
  const sorted = [...lines.keys()].sort();
  const starts = new Int32Array(sorted.length);
  let length = 0;
  sorted.forEach((stem, i) => {
    starts[i] = length;
    length += stem.length + (lines.get(stem)?.length ?? 0) + 2;
  });
  const text = sorted.map((stem) => `${stem}/${lines.get(stem) ?? ""}\n`).join("");
  // Compares `stem` with the stem of line `i` without cutting it out.
  const compare = (stem: string, i: number) => {
    const start = starts[i] ?? 0;
    for (let k = 0; ; k++) {
      const a = k < stem.length ? stem.charCodeAt(k) : -1;
      const code = text.charCodeAt(start + k);
      const b = code === SLASH ? -1 : code;
      if (a !== b || a === -1) return a - b;
    }
  };
  return {
    count: sorted.length,
    flagsOf(stem) {
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        const order = compare(stem, mid);
        if (order === 0) {
          const from = (starts[mid] ?? 0) + stem.length + 1;
          return text.slice(from, text.indexOf("\n", from));
        }
        if (order < 0) high = mid;
        else low = mid + 1;
      }
      return undefined;
    },
  };
}

/** The affix file uses a feature this speller does not implement; use nspell for it. */
export class SpellerError extends Error {
  readonly code = "SPELLER_UNSUPPORTED_AFFIX";
  constructor(problem: string) {
    super(`The suffix speller cannot read this dictionary: ${problem}.`);
  }
}
