import type { QueryTerm } from "./resolve-terms.js";
import type { EntryScore } from "./score-entries.js";

/** The signals the model reads from a ranking, in the order the model lists its weights. */
export const confidenceFeatureNames = [
  "best",
  "margin",
  "coverage",
  "explained",
  "matchedWeight",
  "ngram",
  "ngramLead",
] as const;

/** One signal of a ranking. */
export type ConfidenceFeature = (typeof confidenceFeatureNames)[number];

/**
 * The signals of one ranking:
 * - `best`: the best entry's score;
 * - `margin`: how far ahead of the runner-up it is, as a share of its score (0 on a tie);
 * - `coverage`: the share of the message's weight the entry explains, by how central
 *   each matched word is to the entry;
 * - `explained`: the share of the message's weight whose words the entry uses at all;
 * - `matchedWeight`: the idf mass of the matched words (many generic words stay light).
 * - `ngram`: the character n-gram cosine of the message with the best entry (`char-ngrams.ts`);
 * - `ngramLead`: how far that cosine is ahead of the best other candidate's (negative when
 *   the spelling-level view prefers another entry: the two scorers disagree).
 */
export type ConfidenceFeatures = Record<ConfidenceFeature, number>;

/**
 * A logistic model of "the best entry is the right answer". Fitted by `calibrate.ts` with
 * every signal weight kept at zero or above: more evidence, margin or coverage never
 * lowers the estimate, so correlated signals cannot cancel out with opposite weights.
 */
export type ConfidenceModel = { bias: number } & Record<ConfidenceFeature, number>;

/**
 * Fitted with `npm run faq -- calibrate --kb ../shared/faq-bench/kb.yaml --questions
 * test/faq/tuning/holdout.jsonl --questions test/faq/tuning/holdout2.jsonl --questions
 * test/faq/tuning/blind-a.jsonl --questions test/faq/tuning/blind-b.jsonl --questions
 * test/faq/tuning/blind-c.jsonl:odd` (leave-one-phrasing-out on the base plus those hand-written
 * sets; the benchmark's dev set and the even lines of blind-c were not used).
 */
export const defaultConfidenceModel: ConfidenceModel = {
  bias: -4.833,
  best: 0.248,
  margin: 0.822,
  coverage: 2.817,
  explained: 1.598,
  matchedWeight: 0.258,
  ngram: 1.782,
  ngramLead: 2.6,
};

/** How many of the best entries the n-gram view compares. */
export const secondOpinionDepth = 3;

/** A ranked entry with its n-gram cosine to the message, when known. */
export type RankedEntry = EntryScore & { ngram?: number };

/** Reads the model's signals from entries ranked best first and the message's terms. */
export function confidenceFeatures(
  scores: readonly RankedEntry[],
  terms: readonly QueryTerm[],
): ConfidenceFeatures {
  const [first, second] = scores;
  let rival = 0;
  for (let i = 1; i < scores.length && i < secondOpinionDepth; i++)
    rival = Math.max(rival, scores[i]?.ngram ?? 0);
  const matched = new Set(first?.matched ?? []);
  let weightSum = 0;
  let matchedWeight = 0;
  terms.forEach((term, q) => {
    weightSum += term.weight;
    if (matched.has(q)) matchedWeight += term.weight;
  });
  const best = first?.score ?? 0;
  return {
    best,
    margin: best > 0 ? (best - (second?.score ?? 0)) / best : 0,
    coverage: first?.coverage ?? 0,
    explained: weightSum > 0 ? matchedWeight / weightSum : 0,
    matchedWeight,
    ngram: first?.ngram ?? 0,
    ngramLead: (first?.ngram ?? 0) - rival,
  };
}

/** Estimated probability that the best entry answers the message. */
export function confidence(model: ConfidenceModel, features: ConfidenceFeatures): number {
  let z = model.bias;
  for (const name of confidenceFeatureNames) z += model[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}
