import type { FaqIndex } from "./faq-index.js";
import type { Stemmer } from "./stem.js";
import type { Token } from "./tokenize.js";

/** A stem of the knowledge base a message word may stand for, and how sure that is. */
export interface TermAlternative {
  stem: string;
  /** 1 for the same stem; less for a prefix relation or a typo correction. */
  similarity: number;
}

/** One informative word of a message, resolved against the knowledge-base vocabulary. */
export interface QueryTerm {
  word: string;
  stem: string;
  /** Weight in the message vector: idf of its best alternative, or of an unknown word. */
  weight: number;
  alternatives: TermAlternative[];
}

const prefixSimilarity = 0.8;
/** Known stems also reach relatives by prefix, but only from this length on. */
const knownPrefixMinLength = 5;
const typoSimilarity = [1, 0.85, 0.7];

function maxTypos(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

function addAlternative(list: TermAlternative[], stem: string, similarity: number): void {
  const existing = list.find((alt) => alt.stem === stem);
  if (!existing) list.push({ stem, similarity });
  else if (existing.similarity < similarity) existing.similarity = similarity;
}

/** Stems of the base that extend this one, or that it extends, by at most three letters. */
function prefixAlternatives(
  index: FaqIndex,
  stem: string,
  minLength: number,
  out: TermAlternative[],
): void {
  if (stem.length < minLength) return;
  for (let cut = stem.length - 1; cut >= Math.max(minLength, stem.length - 3); cut--) {
    const shorter = stem.slice(0, cut);
    if (index.idf.has(shorter)) addAlternative(out, shorter, prefixSimilarity);
  }
  let low = 0;
  let high = index.sortedStems.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((index.sortedStems[mid] ?? "") < stem) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < index.sortedStems.length; i++) {
    const candidate = index.sortedStems[i] ?? "";
    if (!candidate.startsWith(stem)) break;
    if (candidate.length - stem.length <= 3) addAlternative(out, candidate, prefixSimilarity);
  }
}

const verbPrefixes = /^(пере|под|при|про|раз|рас|вз|вс|вы|до|за|из|ис|на|об|от|по|с|у)/;
const derivedSimilarity = 0.6;

/** Stems that differ by a verb prefix ("вспомн" ~ "помн"): related, not the same. */
function prefixDerivations(index: FaqIndex, stem: string, out: TermAlternative[]): void {
  const bare = stem.replace(verbPrefixes, "");
  if (bare !== stem && bare.length >= 4 && index.idf.has(bare))
    addAlternative(out, bare, derivedSimilarity);
}

/** Typo corrections: first the word against the base's words, then the stem against stems. */
function typoAlternatives(index: FaqIndex, token: Token, stem: Stemmer, out: TermAlternative[]) {
  for (const hit of index.words.nearest(token.word, maxTypos(token.word.length))) {
    const corrected = index.wordStem.get(hit.word) ?? stem(hit.word);
    if (index.idf.has(corrected)) addAlternative(out, corrected, typoSimilarity[hit.distance] ?? 0);
  }
  for (const hit of index.stems.nearest(token.stem, maxTypos(token.stem.length + 1)))
    addAlternative(out, hit.word, typoSimilarity[hit.distance] ?? 0);
}

/**
 * Resolves the content words of a message: the exact stem when the base knows it,
 * otherwise prefix relatives and typo corrections. Words the base does not know at all
 * keep the weight of the rarest stem, so a message about something else scores low;
 * unknown numbers and proper names (`isName`) are left out.
 */
export function resolveTerms(
  index: FaqIndex,
  tokens: Token[],
  stem: Stemmer,
  isName: (word: string) => boolean = () => false,
): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.stop || token.word.length < 2 || seen.has(token.stem)) continue;
    seen.add(token.stem);
    const alternatives: TermAlternative[] = [];
    if (index.idf.has(token.stem)) {
      alternatives.push({ stem: token.stem, similarity: 1 });
      prefixAlternatives(index, token.stem, knownPrefixMinLength, alternatives);
    } else {
      prefixAlternatives(index, token.stem, 4, alternatives);
      typoAlternatives(index, token, stem, alternatives);
      prefixDerivations(index, token.stem, alternatives);
    }
    // Unknown numbers, codes ("р66") and proper names say nothing about the question.
    if (alternatives.length === 0 && (/\d/.test(token.word) || isName(token.word))) continue;
    alternatives.sort((a, b) => b.similarity - a.similarity);
    const top = alternatives.slice(0, 4);
    const weight =
      top.length > 0 ? Math.max(...top.map((alt) => index.idf.get(alt.stem) ?? 0)) : index.maxIdf;
    terms.push({ word: token.word, stem: token.stem, weight, alternatives: top });
  }
  return terms;
}
