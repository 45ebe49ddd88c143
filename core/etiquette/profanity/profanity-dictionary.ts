import russianData from "bad-words-next/lib/ru";
import russianLatinData from "bad-words-next/lib/ru_lat";
import { z } from "zod";
import { extraProfanity } from "../lists/profanity-extra.js";
import { profanityExclusions } from "../lists/profanity-exclusions.js";
import { russianPrefixes } from "../lists/russian-prefixes.js";
import { toCyrillicLookalikes } from "./lookalikes.js";

/** What the profanity detector asks of the word lists. Words come normalised. */
export interface ProfanityDictionary {
  /** A Cyrillic word (lower case, е for ё, look-alikes mapped) is obscene. */
  isObscene(word: string): boolean;
  /** A word in Latin transliteration ("pizdec", "huy") is obscene. */
  isObsceneTransliterated(word: string): boolean;
  /** The visible start of a masked word ("п" of "п**дец", "за" of "за**ал") begins a root. */
  startsObsceneRoot(visible: string): boolean;
  /**
   * Whether a word of either list may start at `at` of the text (normalised or lower
   * case, each run of one letter written once: "бляяя" as "бля"), exclusions aside. A
   * necessary condition only, one test for every window that starts there: the detector
   * skips the windows of a long spaced-out chain ("а а а а …") that no word can start.
   * The test reads a few letters from `at`, never the rest of the text.
   */
  mayStartAt(squeezed: string, at: number): boolean;
}

// bad-words-next ships its lists as data modules whose .d.ts does not resolve under
// NodeNext; the shape is checked here, so a format change fails loudly, not silently.
const dictionarySchema = z.object({ id: z.string(), words: z.array(z.string()).min(50) });

/** The same prefixes in transliteration, for the Latin list ("zapizdet", "otebis"). */
const LATIN_PREFIXES: readonly string[] = [
  ...["za", "na", "vy", "u", "po", "ot", "ob", "do", "raz", "ras", "s", "pro", "pere"],
  ...["pod", "pri", "o", "v", "iz", "is", "nedo"],
];

// Compiled data, not configuration: nothing here changes after the first call.
let cached: ProfanityDictionary | undefined;

/** The dictionary compiled once per process on first use (pure data, no I/O). */
export function profanityDictionary(): ProfanityDictionary {
  cached ??= buildDictionary(
    [...loadWords(russianData, "ru"), ...extraProfanity],
    loadWords(russianLatinData, "ru_lat"),
  );
  return cached;
}

/** Compiles dictionary words in bad-words-next syntax ("*root*", "ba+d"). */
export function buildDictionary(
  cyrillicWords: readonly string[],
  latinWords: readonly string[],
): ProfanityDictionary {
  const cyrillicWordsNormalised = cyrillicWords.map(toCyrillicLookalikes);
  const latinWordsLower = latinWords.map((w) => w.toLowerCase());
  const cyrillic = new RegExp(
    `^${compileWords(cyrillicWordsNormalised, russianPrefixes, "[а-я]")}$`,
    "u",
  );
  const latin = new RegExp(`^${compileWords(latinWordsLower, LATIN_PREFIXES, "[a-z']")}$`, "u");
  const looseStart = new RegExp(
    [
      compileWords(cyrillicWordsNormalised, russianPrefixes, "", true),
      compileWords(latinWordsLower, LATIN_PREFIXES, "", true),
    ].join("|"),
    "uy",
  );
  // Every start of every root, so a masked word costs one look-up, not one per root.
  const rootStarts = new Set<string>();
  for (const word of cyrillicWords) {
    const root = toCyrillicLookalikes(word).replace(/[*+_]/g, "");
    for (let end = 1; end <= root.length; end++) rootStarts.add(root.slice(0, end));
  }
  const prefix = prefixGroup(russianPrefixes);
  const prefixChain = new RegExp(`^(?:${prefix}${prefix}?)?`, "u");

  return {
    isObscene: (word) => cyrillic.test(word) && !profanityExclusions.some((e) => e.test(word)),
    isObsceneTransliterated: (word) => latin.test(word),
    mayStartAt(text, at) {
      looseStart.lastIndex = at;
      return looseStart.test(text);
    },
    startsObsceneRoot(visible) {
      if (visible.length === 0) return false;
      // Prefixes alone before the hidden part ("за**ал", "на**й") are the classic mask.
      const rest = visible.replace(prefixChain, "");
      return [visible, rest].some((start) => start === "" || rootStarts.has(start));
    },
  };
}

function loadWords(data: unknown, id: string): string[] {
  const parsed = dictionarySchema.safeParse(data);
  if (!parsed.success)
    throw new Error(`bad-words-next/lib/${id} has an unexpected shape: ${parsed.error.message}`);
  return parsed.data.words;
}

/**
 * The words as one regular-expression source, as a trie: words sharing a start share one
 * branch, and the words with a leading "*" share one prefix chain. A flat alternation made
 * every test try each word (and each prefix pair before it), ~10 µs a test, which a long
 * spaced-out text multiplies by its length.
 */
function compileWords(
  words: readonly string[],
  prefixes: readonly string[],
  letter: string,
  /**
   * For `mayStartAt`: any number of each letter, read as once (it tests text whose
   * repeats are folded), and no open ending, so a test never reads past the word.
   */
  loose = false,
) {
  const prefixed: string[][] = [];
  const plain: string[][] = [];
  for (const word of words.map((w) => w.trim())) {
    if (word.replace(/\*/g, "").length === 0) continue;
    const parts = patternParts(word.replace(/^\*|\*$/g, ""), loose);
    if (word.endsWith("*") && !loose) parts.push(`${letter}*`);
    (word.startsWith("*") ? prefixed : plain).push(parts);
  }
  // A leading "*" is a chain of up to two prefixes, never arbitrary letters.
  const prefix = prefixGroup(prefixes, loose);
  const chain = `(?:${prefix}${prefix}?)?${trieSource(prefixed)}`;
  return `(?:${chain}|${trieSource(plain)})`;
}

/** "ба+д" -> ["б", "а+", "д"]: one regular-expression piece per letter; "_" is nothing. */
function patternParts(body: string, loose = false): string[] {
  const parts: string[] = [];
  for (const ch of body) {
    const piece = escapeRegExp(ch);
    if (ch === "+" && parts.length > 0 && !loose) parts[parts.length - 1] += "+";
    else if (ch === "_" || ch === "+" || (loose && parts[parts.length - 1] === piece)) continue;
    else parts.push(piece);
  }
  return parts;
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

function trieSource(words: readonly (readonly string[])[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const parts of words) {
    let node = root;
    for (const part of parts) {
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return nodeSource(root);
}

function nodeSource(node: TrieNode): string {
  const branches = [...node.next].map(([part, child]) => `${part}${nodeSource(child)}`);
  if (branches.length === 0) return "";
  if (node.end) branches.push("");
  return branches.length === 1 ? `(?:${branches[0]})` : `(?:${branches.join("|")})`;
}

function prefixGroup(prefixes: readonly string[], loose = false): string {
  return trieSource(prefixes.map((prefix) => patternParts(prefix, loose)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
