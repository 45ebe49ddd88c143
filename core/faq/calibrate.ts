import {
  confidenceFeatureNames,
  confidenceFeatures,
  type ConfidenceFeatures,
  type ConfidenceModel,
} from "./confidence.js";
import type { LabelledQuestion } from "./evaluate.js";
import type { FaqEntryInput } from "./faq-types.js";
import { createFaqMatcher, type FaqMatcher } from "./matcher.js";

/** One calibration example: the ranking's signals and whether its best entry was right. */
export interface CalibrationSample {
  features: ConfidenceFeatures;
  correct: boolean;
}

function sample(matcher: FaqMatcher, text: string, expected: string | null): CalibrationSample[] {
  const explanation = matcher.explain(text);
  if (explanation.outOfScope || explanation.scores.length === 0) return [];
  return [
    {
      features: confidenceFeatures(explanation.scores, explanation.terms),
      correct: expected !== null && explanation.scores[0]?.id === expected,
    },
  ];
}

/**
 * Collects examples: every phrasing matched against the base without that phrasing
 * (leave-one-out: the base's own paraphrases stand in for parents' messages), plus any
 * labelled questions. Out-of-scope messages are left out: the model rates rankings.
 */
export function collectCalibrationSamples(
  entries: readonly FaqEntryInput[],
  questions: readonly LabelledQuestion[] = [],
): CalibrationSample[] {
  const samples: CalibrationSample[] = [];
  entries.forEach((entry, e) => {
    entry.phrasings.forEach((phrasing, p) => {
      const reduced = entries.map((other, o) =>
        o === e ? { ...other, phrasings: other.phrasings.filter((_, q) => q !== p) } : other,
      );
      samples.push(...sample(createFaqMatcher(reduced, heuristicOnly), phrasing, entry.id));
    });
  });
  const full = createFaqMatcher(entries, heuristicOnly);
  for (const question of questions) samples.push(...sample(full, question.text, question.expected));
  return samples;
}

const featureNames = confidenceFeatureNames;

/** The confidence model rates the heuristic ranking: the learned classifier stays out. */
const heuristicOnly = { examples: null };

/**
 * Fits the logistic confidence model by projected gradient descent on standardised
 * features with a light L2 penalty, signal weights kept non-negative (see
 * `ConfidenceModel`), then folds the standardisation back into plain weights.
 */
export function fitConfidenceModel(samples: readonly CalibrationSample[]): ConfidenceModel {
  const rows = samples.map((s) => featureNames.map((name) => s.features[name]));
  const labels = samples.map((s) => (s.correct ? 1 : 0));
  const mean = featureNames.map((_, j) => average(rows.map((row) => row[j] ?? 0)));
  const spread = featureNames.map(
    (_, j) => Math.sqrt(average(rows.map((row) => ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2))) || 1,
  );
  const z = rows.map((row) => row.map((v, j) => (v - (mean[j] ?? 0)) / (spread[j] ?? 1)));
  const w = new Array<number>(featureNames.length + 1).fill(0);
  for (let step = 0; step < 5000; step++) {
    const gradient = new Array<number>(featureNames.length + 1).fill(0);
    z.forEach((row, i) => {
      const p =
        1 / (1 + Math.exp(-((w[0] ?? 0) + row.reduce((s, v, j) => s + v * (w[j + 1] ?? 0), 0))));
      const error = p - (labels[i] ?? 0);
      gradient[0] = (gradient[0] ?? 0) + error;
      row.forEach((v, j) => (gradient[j + 1] = (gradient[j + 1] ?? 0) + error * v));
    });
    for (let j = 0; j < w.length; j++) {
      const penalty = j === 0 ? 0 : 0.01 * (w[j] ?? 0);
      w[j] = (w[j] ?? 0) - 0.1 * ((gradient[j] ?? 0) / z.length + penalty);
      if (j > 0 && (w[j] ?? 0) < 0) w[j] = 0;
    }
  }
  const weight = (j: number) => (w[j + 1] ?? 0) / (spread[j] ?? 1);
  const bias = (w[0] ?? 0) - featureNames.reduce((s, _, j) => s + weight(j) * (mean[j] ?? 0), 0);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const model = { bias: round(bias) } as ConfidenceModel;
  featureNames.forEach((name, j) => (model[name] = round(weight(j))));
  return model;
}

function average(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
