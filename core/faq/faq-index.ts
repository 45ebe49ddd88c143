import { buildCharNgramIndex, type CharNgramIndex } from "./char-ngrams.js";
import type { FaqEntryInput } from "./faq-types.js";
import { createFuzzyVocabulary, type FuzzyVocabulary } from "./fuzzy-vocabulary.js";
import { normalizeText } from "./normalize.js";
import type { Stemmer } from "./stem.js";
import { splitWords, tokenize, type Token } from "./tokenize.js";

/** The entries that use a stem, and how central the stem is to each (in (0, 1]). */
export interface EntryPostings {
  entries: Int32Array;
  weights: Float32Array;
}

/**
 * Floor of a stem's weight in an entry: a stem used in one phrasing out of six still
 * counts this much; one used in every text and keyword counts fully.
 */
export const supportFloor = 0.4;

/**
 * BM25's length normalisation at the entry level: an entry with many phrasings and
 * keywords has many stems and so meets the words of a long message by chance more often;
 * its weights are divided by `1 - b + b * stems / average stems`.
 */
export const entryLengthNorm = 0.25;

/** The idf of a stem used by one entry of `entries`: the most a word can weigh. */
export const singleEntryIdf = (entries: number) => Math.log(1 + (entries - 1 + 0.5) / 1.5);

/** The searchable form of a knowledge base, built once and only read while matching. */
export interface FaqIndex {
  entryIds: string[];
  entryCategories: string[];
  /** Entry of every text (question or phrasing). */
  textEntry: Int32Array;
  /** Euclidean norm of each text's idf-weighted stem vector. */
  textNorm: Float64Array;
  /** Stem -> texts (questions and phrasings, numbered across the base) that contain it. */
  textPostings: Map<string, Int32Array>;
  /** Stem -> entries whose question, phrasings or keywords contain it, with its weight there. */
  entryPostings: Map<string, EntryPostings>;
  /** Per entry: its stems and their weights (to explain a match). */
  entryStems: Map<string, number>[];
  /** Inverse document frequency of each stem over entries. */
  idf: Map<string, number>;
  /** The idf of a stem found in a single entry: the weight of words the base never uses. */
  maxIdf: number;
  /** Stems of the base, for typo-tolerant look-up. */
  stems: FuzzyVocabulary;
  /** Stems sorted, for prefix look-up. */
  sortedStems: string[];
  /** Surface words of the base and the stem each one maps to. */
  words: FuzzyVocabulary;
  wordStem: Map<string, string>;
  /** Character n-grams of every entry's texts, for the second opinion (`char-ngrams.ts`). */
  ngrams: CharNgramIndex;
}

/** The content words of a text (no stop words, no one-letter words). */
function contentTokens(text: string, stem: Stemmer): Token[] {
  return tokenize(normalizeText(text), stem).filter(
    (token) => !token.stop && token.word.length > 1,
  );
}

/**
 * Indexes question, phrasings and keywords of every entry by canonical stem. Question and
 * phrasings are the "texts" a message is compared with one by one; keywords only widen
 * the entry's vocabulary (they are fragments, not questions). The same words feed the
 * character n-gram view: each text on its own, the keywords together as one more text.
 */
export function buildFaqIndex(entries: readonly FaqEntryInput[], stem: Stemmer): FaqIndex {
  const textTerms: string[][] = [];
  const textEntryList: number[] = [];
  const entryTerms: Map<string, number>[] = [];
  const wordStem = new Map<string, string>();
  const ngramTexts: string[][][] = [];
  entries.forEach((entry, e) => {
    const counts = new Map<string, number>();
    const texts = [entry.question, ...entry.phrasings];
    const entryWords: string[][] = [];
    for (const text of texts) {
      const tokens = contentTokens(text, stem);
      entryWords.push(tokens.map((token) => token.word));
      const stems = [...new Set(tokens.map((token) => token.stem))];
      textTerms.push(stems);
      textEntryList.push(e);
      for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const keywordTokens = entry.keywords.flatMap((keyword) => contentTokens(keyword, stem));
    entryWords.push(keywordTokens.map((token) => token.word));
    ngramTexts.push(entryWords);
    const keywordStems = new Set(keywordTokens.map((token) => token.stem));
    for (const s of keywordStems) counts.set(s, (counts.get(s) ?? 0) + 1);
    const bag = new Map<string, number>();
    for (const [s, count] of counts)
      bag.set(s, supportFloor + (1 - supportFloor) * Math.min(1, count / (texts.length + 1)));
    entryTerms.push(bag);
    for (const text of [entry.question, ...entry.phrasings, ...entry.keywords])
      for (const word of splitWords(normalizeText(text)))
        if (word.length > 1) wordStem.set(word, stem(word));
  });

  const entryLists = new Map<string, { entries: number[]; weights: number[] }>();
  const averageSize =
    entryTerms.reduce((sum, bag) => sum + bag.size, 0) / Math.max(1, entryTerms.length);
  entryTerms.forEach((bag, e) => {
    const norm = 1 - entryLengthNorm + (entryLengthNorm * bag.size) / (averageSize || 1);
    for (const [s, raw] of bag) {
      const weight = raw / norm;
      const list = entryLists.get(s) ?? { entries: [], weights: [] };
      list.entries.push(e);
      list.weights.push(weight);
      entryLists.set(s, list);
    }
  });
  const n = entries.length;
  const idf = new Map<string, number>();
  const entryPostings = new Map<string, EntryPostings>();
  for (const [s, list] of entryLists) {
    idf.set(s, Math.log(1 + (n - list.entries.length + 0.5) / (list.entries.length + 0.5)));
    entryPostings.set(s, {
      entries: Int32Array.from(list.entries),
      weights: Float32Array.from(list.weights),
    });
  }
  const maxIdf = singleEntryIdf(n);

  const textLists = new Map<string, number[]>();
  const textNorm = new Float64Array(textTerms.length);
  textTerms.forEach((stems, t) => {
    let sum = 0;
    for (const s of stems) {
      const w = idf.get(s) ?? 0;
      sum += w * w;
      const list = textLists.get(s);
      if (list) list.push(t);
      else textLists.set(s, [t]);
    }
    textNorm[t] = Math.sqrt(sum);
  });
  const textPostings = new Map([...textLists].map(([s, list]) => [s, Int32Array.from(list)]));

  const stemList = [...entryPostings.keys()];
  return {
    entryIds: entries.map((entry) => entry.id),
    entryCategories: entries.map((entry) => entry.category),
    textEntry: Int32Array.from(textEntryList),
    textNorm,
    textPostings,
    entryPostings,
    entryStems: entryTerms,
    idf,
    maxIdf,
    stems: createFuzzyVocabulary(stemList),
    sortedStems: stemList.sort(),
    words: createFuzzyVocabulary(wordStem.keys()),
    wordStem,
    ngrams: buildCharNgramIndex(ngramTexts),
  };
}
