import { russianDictionary, type SpellingDictionary } from "../language/index.js";
import {
  addressAdjectives,
  familiarAddresses,
  gendered,
  vocativeAddresses,
} from "./lists/address-words.js";
import { slangWords } from "./lists/slang-words.js";
import { blankRanges } from "./text/blank-ranges.js";
import { findLinks } from "./text/find-links.js";
import { unquote } from "./text/quoted-ranges.js";

/** At most this many words are named in a hint: the agent rereads the reply anyway. */
export const MAX_MISSPELLINGS = 3;
/** Shorter words are not checked: they are rarely mistyped and often abbreviations. */
const MIN_LENGTH = 5;
/**
 * A reply's distinct candidate words looked up at most: a long reply costs no more (a
 * look-up is tens of microseconds, core/language).
 */
const MAX_LOOKUPS = 40;

/** A word with the letters and hyphens around it: "какой-то" is taken whole (and skipped). */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const LOWER_RUSSIAN = /^[а-яё]+$/;

/** Words the guard itself knows: slang and address words are flagged by their own rules. */
const ETIQUETTE_VOCABULARY: ReadonlySet<string> = new Set(
  [...slangWords, ...familiarAddresses, ...vocativeAddresses, ...gendered, ...addressAdjectives]
    .flatMap((phrase) => phrase.split(" "))
    .map((word) => word.replaceAll("ё", "е")),
);

export interface MisspellingOptions {
  dictionary?: SpellingDictionary;
  /**
   * Words the service uses that the dictionary may lack (the knowledge base's vocabulary,
   * program names, "госуслуги"), lower case with ё as е.
   */
  knownWords?: ReadonlySet<string>;
}

/**
 * Obvious spelling errors in an agent's reply ("заевка", "принета"), as written, for a
 * hint that never holds the reply back. Only plain lower-case Russian words of five
 * letters or more are looked up: names and sentence starts (capitalised), Latin words,
 * numbers, hyphenated words, words in links or quotes («Юный техник»), and the words of
 * the knowledge base and of the guard's own lists pass unchecked. Each word once, at most
 * `MAX_MISSPELLINGS`; the look-ups are bounded (`MAX_LOOKUPS`).
 */
export function findMisspellings(text: string, options: MisspellingOptions = {}): string[] {
  const dictionary = options.dictionary ?? russianDictionary();
  const known = options.knownWords ?? new Set<string>();
  const prose = unquote(blankRanges(text, findLinks(text)));
  const seen = new Set<string>();
  const found: string[] = [];
  for (const [word] of prose.matchAll(WORD)) {
    if (found.length >= MAX_MISSPELLINGS || seen.size >= MAX_LOOKUPS) break;
    if (word.length < MIN_LENGTH || !LOWER_RUSSIAN.test(word) || seen.has(word)) continue;
    seen.add(word);
    const folded = word.replaceAll("ё", "е");
    if (ETIQUETTE_VOCABULARY.has(folded) || known.has(folded)) continue;
    // The dictionary writes some forms with ё and some with е ("уведомлен"): either counts.
    if (!dictionary.isWord(word) && (folded === word || !dictionary.isWord(folded)))
      found.push(word);
  }
  return found;
}

/** The distinct lower-case words of a text (ё as е): a vocabulary for `knownWords`. */
export function vocabularyOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu))
    words.add(word.replaceAll("ё", "е"));
  return words;
}
