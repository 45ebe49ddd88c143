import { defaultLexicon } from "./lexicon.js";
import type { Stemmer } from "./stem.js";
import { stopWords } from "./stop-words.js";
import { ageMention, childStem, phraseRules } from "./synonyms.js";

/** One word of a normalised text with the stem it is matched by. */
export interface Token {
  /** The word as written after normalisation. */
  word: string;
  /** The canonical stem (synonym rules, then Snowball). */
  stem: string;
  /** True for function words, greetings, thanks and question formulas. */
  stop: boolean;
  /** True for a word of a clause that tells the situation rather than asks (`clauses.ts`). */
  context?: boolean;
}

/**
 * Any rule at all, in one pattern: most texts (and every clause of "a.a.a…", 8,000 of
 * them) have none, and one test costs less than trying each rule in turn.
 */
const anyPhraseRule = new RegExp(
  phraseRules.map(([pattern]) => `(?:${pattern.source})`).join("|"),
  "u",
);

/**
 * Applies the colloquial lexicon ("рега", "художка") and the phrase synonym rules ("гос
 * услуги" -> "госуслуги") to normalised text.
 */
export function applyPhraseRules(normalized: string): string {
  const text0 = defaultLexicon().rewrite(normalized);
  if (!anyPhraseRule.test(text0)) return text0;
  let text = text0;
  for (const [pattern, replacement] of phraseRules) text = text.replace(pattern, replacement);
  return text;
}

/** Splits normalised text into words (phrase rules applied). */
export function splitWords(normalized: string): string[] {
  return applyPhraseRules(normalized)
    .split(" ")
    .filter((word) => word.length > 0);
}

/**
 * Splits normalised text into tokens, marking stop words and stemming the rest. A bare
 * number of one or two digits right after a word for the child ("дочке 12", "сыну 5") is
 * the child's age, as "12 лет" is (see `ageMention`).
 */
export function tokenize(normalized: string, stem: Stemmer): Token[] {
  const tokens: Token[] = [];
  for (const written of splitWords(normalized)) {
    const previous = tokens[tokens.length - 1];
    const word = previous?.stem === childStem && /^\d{1,2}$/.test(written) ? ageMention : written;
    const stop = stopWords.has(word);
    tokens.push({ word, stem: stop ? word : stem(word), stop });
  }
  return tokens;
}

/** The content stems of a text, in order, without stop words or one-letter words. */
export function contentStems(normalized: string, stem: Stemmer): string[] {
  return tokenize(normalized, stem)
    .filter((token) => !token.stop && token.word.length > 1)
    .map((token) => token.stem);
}
