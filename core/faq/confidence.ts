import type { EntryScore } from "./score-entries.js";

/**
 * A logistic model of "the best entry is the right answer", over four signals of one
 * ranking: the best score, the runner-up's score, the share of the message the best entry
 * explains and the number of message words it matched. Fitted by `calibrate.ts`.
 */
export interface ConfidenceModel {
  bias: number;
  best: number;
  runnerUp: number;
  coverage: number;
  matchedTerms: number;
}

/** The signals the model reads from a ranking. */
export interface ConfidenceFeatures {
  best: number;
  runnerUp: number;
  coverage: number;
  matchedTerms: number;
}

/**
 * Fitted with `npm run faq -- calibrate --kb ../shared/faq-bench/kb.yaml --questions
 * test/faq/holdout.jsonl` (leave-one-phrasing-out on the base plus the hand-written
 * holdout; the benchmark's dev set was not used).
 */
export const defaultConfidenceModel: ConfidenceModel = {
  bias: -2.939,
  best: 0.293,
  runnerUp: -0.363,
  coverage: 3.523,
  matchedTerms: 0.803,
};

/** Reads the model's signals from entries ranked best first. */
export function confidenceFeatures(scores: readonly EntryScore[]): ConfidenceFeatures {
  const [first, second] = scores;
  return {
    best: first?.score ?? 0,
    runnerUp: second?.score ?? 0,
    coverage: first?.coverage ?? 0,
    matchedTerms: first?.matched.length ?? 0,
  };
}

/** Estimated probability that the best entry answers the message. */
export function confidence(model: ConfidenceModel, features: ConfidenceFeatures): number {
  const z =
    model.bias +
    model.best * features.best +
    model.runnerUp * features.runnerUp +
    model.coverage * features.coverage +
    model.matchedTerms * features.matchedTerms;
  return 1 / (1 + Math.exp(-z));
}
