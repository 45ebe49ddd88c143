import type { Stemmer } from "./stem.js";
import { stopWords } from "./stop-words.js";
import { phraseRules } from "./synonyms.js";

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

/** Applies the phrase synonym rules ("гос услуги" -> "госуслуги") to normalised text. */
export function applyPhraseRules(normalized: string): string {
  let text = normalized;
  for (const [pattern, replacement] of phraseRules) text = text.replace(pattern, replacement);
  return text;
}

/** Splits normalised text into words (phrase rules applied). */
export function splitWords(normalized: string): string[] {
  return applyPhraseRules(normalized)
    .split(" ")
    .filter((word) => word.length > 0);
}

/** Splits normalised text into tokens, marking stop words and stemming the rest. */
export function tokenize(normalized: string, stem: Stemmer): Token[] {
  return splitWords(normalized).map((word) => {
    const stop = stopWords.has(word);
    return { word, stem: stop ? word : stem(word), stop };
  });
}

/** The content stems of a text, in order, without stop words or one-letter words. */
export function contentStems(normalized: string, stem: Stemmer): string[] {
  return tokenize(normalized, stem)
    .filter((token) => !token.stop && token.word.length > 1)
    .map((token) => token.stem);
}
