import type { LearnedOpinion } from "./faq-types.js";
import type { QueryTerm } from "./resolve-terms.js";
import { runSteps, type Steps } from "./steps.js";
import {
  softmaxModel,
  softmaxSteps,
  type SoftmaxModel,
  type SoftmaxWeights,
} from "./softmax-model.js";

export type { LearnedOpinion };

/** A labelled message to learn from: its entry, or null when a person had to answer. */
export interface TrainingExample {
  text: string;
  entry: string | null;
}

/** The trained classifier of one base. */
export interface LearnedClassifier {
  opinion(terms: readonly QueryTerm[], bestId: string | undefined): LearnedOpinion;
}

/**
 * The features of a message: the knowledge-base stems the matcher resolved its words to
 * (after spelling correction and the colloquial lexicon; an unknown word keeps its own
 * stem, marked) and each pair of neighbours, so that "отменить запись" and "записать"
 * differ. Character n-grams (3 to 4 letters) of the stems scored lower in nested
 * cross-validation, of every stem and of unknown words' alone: more wrong answers.
 */
export function learnedFeatures(terms: readonly QueryTerm[]): string[] {
  const stems = terms.map((term) => term.alternatives[0]?.stem ?? `?${term.stem}`);
  const features = new Set(stems);
  for (let i = 0; i + 1 < stems.length; i++) features.add(`${stems[i]} ${stems[i + 1]}`);
  return [...features];
}

/**
 * An entry with at least this many labelled examples counts as taught (`LearnedOpinion`):
 * every entry of the benchmark's base has 12 or more, a base of other ids has none.
 */
export const taughtExamples = 5;

/**
 * What a trained classifier is made of, as plain data: a cache keeps it and any process
 * that loads the same base reads it instead of training (`learned-store.ts`).
 */
export interface LearnedState {
  entryIds: string[];
  /** The entries it learnt from labelled messages (`taughtExamples` or more). */
  taught: string[];
  /** Whether the class after the entries is "needs a person". */
  person: boolean;
  weights: SoftmaxWeights;
}

/**
 * Trains the classifier on labelled feature sets (`example`: a labelled message rather than
 * the base's own text): one class per entry of the base, plus
 * "needs a person" when some examples are labelled null. Undefined when there is nothing
 * to tell apart (fewer than two classes): the matcher then decides on its own. Pauses
 * (yields) every few samples: see `softmaxSteps`.
 */
export function* learnedStateSteps(
  entryIds: readonly string[],
  samples: readonly { features: string[]; entry: string | null; example?: boolean }[],
): Steps<LearnedState | undefined> {
  const examples = new Map<string, number>();
  for (const sample of samples)
    if (sample.example && sample.entry !== null)
      examples.set(sample.entry, (examples.get(sample.entry) ?? 0) + 1);
  const classOf = new Map(entryIds.map((id, i) => [id, i]));
  const person = entryIds.length;
  const hasPerson = samples.some((sample) => sample.entry === null);
  const labelled = samples.flatMap((sample) => {
    const label = sample.entry === null ? person : classOf.get(sample.entry);
    return label === undefined ? [] : [{ features: sample.features, label }];
  });
  const classes = entryIds.length + (hasPerson ? 1 : 0);
  if (classes < 2 || labelled.length === 0) return undefined;
  return {
    entryIds: [...entryIds],
    taught: entryIds.filter((id) => (examples.get(id) ?? 0) >= taughtExamples),
    person: hasPerson,
    weights: yield* softmaxSteps(labelled, classes),
  };
}

/** `learnedStateSteps` run through at once, as a classifier. */
export function trainLearnedClassifier(
  entryIds: readonly string[],
  samples: readonly { features: string[]; entry: string | null; example?: boolean }[],
): LearnedClassifier | undefined {
  const state = runSteps(learnedStateSteps(entryIds, samples));
  return state && learnedClassifier(state);
}

/** The classifier of a trained state. */
export function learnedClassifier(state: LearnedState): LearnedClassifier {
  const { entryIds } = state;
  const model: SoftmaxModel = softmaxModel(state.weights);
  const classes = model.classes;
  const classOf = new Map(entryIds.map((id, i) => [id, i]));
  const person = state.person ? entryIds.length : -1;
  const taught = new Set(state.taught);
  return {
    opinion(terms, bestId) {
      const p = model.predict(learnedFeatures(terms));
      let top = 0;
      for (let k = 1; k < classes; k++) if ((p[k] as number) > (p[top] as number)) top = k;
      // The three most probable entries in one pass.
      const top3 = [-1, -1, -1];
      for (let k = 0; k < entryIds.length; k++) {
        const pk = p[k] as number;
        if (top3[2] === -1 || pk > (p[top3[2] as number] as number)) {
          let at = 2;
          while (at > 0 && (top3[at - 1] === -1 || pk > (p[top3[at - 1] as number] as number))) {
            top3[at] = top3[at - 1] as number;
            at--;
          }
          top3[at] = k;
        }
      }
      const likely: LearnedOpinion["likely"] = [];
      for (const k of top3)
        if (k >= 0) likely.push({ id: entryIds[k] as string, probability: round(p[k] as number) });
      const best = bestId === undefined ? undefined : classOf.get(bestId);
      const id = top === person ? null : (entryIds[top] ?? null);
      return {
        id,
        probability: round(p[top] as number),
        forBest: best === undefined ? 0 : round(p[best] as number),
        taught: bestId !== undefined && taught.has(bestId),
        idTaught: id !== null && taught.has(id),
        likely,
      };
    },
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
