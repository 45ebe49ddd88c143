import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import nspell from "nspell";

type NSpell = ReturnType<typeof nspell>;

/** Tells whether a word is a real Russian word form (any inflection). */
export interface SpellingDictionary {
  isWord(word: string): boolean;
  /**
   * How many dictionary stems the first look-up of `word` would hand to the speller (0
   * once its group is loaded): about 0.1–0.2 ms each, so a caller on a request path can
   * keep within a budget. Optional: the FAQ matcher does not ask.
   */
  pendingStems?(word: string): number;
}

/** Words shorter than this are not looked up: they are mostly real and rarely typos. */
const minimumLength = 4;
/** Hunspell's Russian rules are suffixes only: a form shares its first letters with its stem. */
const groupLength = 3;

interface Loaded {
  speller: NSpell;
  /** The dictionary's lines not yet given to the speller, by their first letters. */
  pending: Map<string, string[]>;
}

let loaded: Loaded | undefined;

/**
 * Shared by the FAQ matcher (typos in parents' questions) and the literacy hint on agents'
 * replies (core/etiquette), so both fill one speller. Reads the Hunspell Russian
 * dictionary of the `dictionary-ru` package once. Handing all
 * 146,000 stems to nspell takes about 15 s and 170 MB, so only the affix rules load up
 * front; the stems are grouped by their first three letters and a group joins the speller
 * the first time a word starting with those letters is looked up. Only words close to the
 * knowledge base's vocabulary (core/faq `resolve-terms.ts`) and a bounded number of words
 * of each agent reply are ever looked up, so the speller stays a small part of the
 * dictionary.
 */
function load(): Loaded {
  if (loaded) return loaded;
  const folder = dirname(createRequire(import.meta.url).resolve("dictionary-ru"));
  const speller = nspell(readFileSync(join(folder, "index.aff")));
  const pending = new Map<string, string[]>();
  const lines = readFileSync(join(folder, "index.dic"), "utf8").split("\n");
  // The first line is the stem count.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    const key = groupKey(line.toLowerCase());
    const group = pending.get(key);
    if (group) group.push(line);
    else pending.set(key, [line]);
  }
  loaded = { speller, pending };
  return loaded;
}

const groupKey = (word: string) => word.slice(0, groupLength).replace(/ё/g, "е");

/** Verdicts kept per dictionary; bounded so a flood of unique words cannot grow it. */
const verdictLimit = 20_000;

/** The shared dictionary, loaded on first use. */
export function russianDictionary(): SpellingDictionary {
  // The same misspellings come back message after message ("зарегестрироваться"), and
  // nspell's check walks the affix rules each time.
  const verdicts = new Map<string, boolean>();
  return {
    isWord(word) {
      const known = verdicts.get(word);
      if (known !== undefined) return known;
      const verdict = check(word);
      if (verdicts.size >= verdictLimit) verdicts.clear();
      verdicts.set(word, verdict);
      return verdict;
    },
    pendingStems(word) {
      if (word.length < minimumLength || !/^[а-яё-]+$/.test(word)) return 0;
      return load().pending.get(groupKey(word))?.length ?? 0;
    },
  };
}

/**
 * Reads the dictionary's affix rules and stem list now (about a second of CPU) so that the
 * first parent or agent of a process does not wait for it inside their request.
 */
export function warmRussianDictionary(): void {
  load();
}

/** Whether the Hunspell dictionary knows the word (short or non-Cyrillic words pass). */
function check(word: string): boolean {
  if (word.length < minimumLength || !/^[а-яё-]+$/.test(word)) return true;
  const { speller, pending } = load();
  const key = groupKey(word);
  const group = pending.get(key);
  if (group) {
    pending.delete(key);
    speller.dictionary(`${group.length}\n${group.join("\n")}`);
  }
  return speller.correct(word) || speller.correct(word.replace(/е/g, "ё"));
}
