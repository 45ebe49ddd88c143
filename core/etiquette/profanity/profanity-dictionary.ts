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
  const cyrillic = compileWords(cyrillicWords.map(toCyrillicLookalikes), russianPrefixes, "[а-я]");
  const latin = compileWords(
    latinWords.map((w) => w.toLowerCase()),
    LATIN_PREFIXES,
    "[a-z']",
  );
  const roots = [
    ...new Set(cyrillicWords.map((w) => toCyrillicLookalikes(w).replace(/[*+_]/g, ""))),
  ];
  const prefixChain = new RegExp(`^${prefixGroup(russianPrefixes)}{0,2}`, "u");

  return {
    isObscene: (word) => cyrillic.test(word) && !profanityExclusions.some((e) => e.test(word)),
    isObsceneTransliterated: (word) => latin.test(word),
    startsObsceneRoot(visible) {
      if (visible.length === 0) return false;
      // Prefixes alone before the hidden part ("за**ал", "на**й") are the classic mask.
      const rest = visible.replace(prefixChain, "");
      return [visible, rest].some(
        (start) => start === "" || roots.some((root) => root.startsWith(start)),
      );
    },
  };
}

function loadWords(data: unknown, id: string): string[] {
  const parsed = dictionarySchema.safeParse(data);
  if (!parsed.success)
    throw new Error(`bad-words-next/lib/${id} has an unexpected shape: ${parsed.error.message}`);
  return parsed.data.words;
}

function compileWords(words: readonly string[], prefixes: readonly string[], letter: string) {
  const alternatives = words
    .map((word) => word.trim())
    .filter((word) => word.replace(/\*/g, "").length > 0)
    .map((word) => {
      const leading = word.startsWith("*");
      const trailing = word.endsWith("*");
      const body = [...word.replace(/^\*|\*$/g, "")]
        .map((ch) => (ch === "+" ? "+" : ch === "_" ? "" : escapeRegExp(ch)))
        .join("");
      // A leading "*" is a chain of up to two prefixes, never arbitrary letters.
      const head = leading ? `${prefixGroup(prefixes)}{0,2}` : "";
      return `${head}${body}${trailing ? `${letter}*` : ""}`;
    });
  return new RegExp(`^(?:${alternatives.join("|")})$`, "u");
}

function prefixGroup(prefixes: readonly string[]): string {
  const sorted = [...prefixes].sort((a, b) => b.length - a.length);
  return `(?:${sorted.map(escapeRegExp).join("|")})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
