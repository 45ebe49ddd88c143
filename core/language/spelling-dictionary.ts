import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createSuffixSpeller, type SuffixSpeller } from "./suffix-speller.js";

/** Tells whether a word is a real Russian word form (any inflection). */
export interface SpellingDictionary {
  isWord(word: string): boolean;
}

/** Words shorter than this are not looked up: they are mostly real and rarely typos. */
const minimumLength = 4;

let loaded: SuffixSpeller | undefined;

/**
 * Shared by the FAQ matcher (typos in parents' questions) and the literacy hint on agents'
 * replies (core/etiquette), so both use one speller. Reads the Hunspell Russian dictionary
 * of the `dictionary-ru` package once per process into the compact suffix speller
 * (`suffix-speller.ts`): about 5 MB and a few hundred milliseconds for all 146,000 stems,
 * where nspell's expansion of every form took 170 MB and 15 s (and, loaded by first
 * letters, still grew with every new group a process looked up).
 */
function load(): SuffixSpeller {
  if (loaded) return loaded;
  const folder = dirname(createRequire(import.meta.url).resolve("dictionary-ru"));
  loaded = createSuffixSpeller(
    readFileSync(join(folder, "index.aff")),
    readFileSync(join(folder, "index.dic"), "utf8"),
  );
  return loaded;
}

/** Verdicts kept per dictionary; bounded so a flood of unique words cannot grow it. */
const verdictLimit = 20_000;

/** The shared dictionary, loaded on first use. */
export function russianDictionary(): SpellingDictionary {
  // The same misspellings come back message after message ("зарегестрироваться"), and a
  // check walks the suffixes the word ends with each time.
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
  };
}

/**
 * Reads the dictionary now (a few hundred milliseconds of CPU) so that the first parent or
 * agent of a process does not wait for it inside their request.
 */
export function warmRussianDictionary(): void {
  load();
}

/** Whether the Hunspell dictionary knows the word (short or non-Cyrillic words pass). */
function check(word: string): boolean {
  if (word.length < minimumLength || !/^[а-яё-]+$/.test(word)) return true;
  const speller = load();
  return speller.correct(word) || speller.correct(word.replace(/е/g, "ё"));
}
