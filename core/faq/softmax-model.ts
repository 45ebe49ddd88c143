import { runSteps, type Steps } from "./steps.js";

/**
 * A multinomial logistic regression (softmax) over sparse binary features with an L2
 * penalty, trained by AdaGrad. Small enough to train when a matcher is built: a base of 56
 * entries with ~1,800 examples trains in a few hundred milliseconds.
 */

/** One labelled example: its feature names and its class number. */
export interface SoftmaxSample {
  features: readonly string[];
  label: number;
}

/** The trained model: class probabilities of a feature set. */
export interface SoftmaxModel {
  readonly classes: number;
  /** Probabilities of every class (sum 1); features never seen in training are ignored. */
  predict(features: readonly string[]): Float64Array;
}

/**
 * Chosen by leave-one-set-out accuracy and log-loss of the classifier alone over the eleven
 * tuning sets (4,513 examples; each set classified by a model trained without it; see the
 * tuning README): `models` trainings in different shuffle orders, their weights averaged
 * into one model, so the order no longer moves the decisions and a message costs what one
 * model costs. Each stops early (two passes) and has no penalty: with AdaGrad the passes
 * regularise, and an L2 penalty lowered accuracy at every size tried. Char n-grams as
 * features scored lower and trained ten times slower.
 */
export const softmaxSettings = { epochs: 2, learningRate: 0.5, l2: 0, models: 3 } as const;

/** How a model is trained (`softmaxSettings`). */
export interface SoftmaxSettings {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Trainings in different shuffle orders whose weights are averaged. */
  models: number;
}

/**
 * The trained weights as plain arrays: what a cache keeps (`learned-store.ts`). Row `f` of
 * `weights` (`classes` numbers from `f * classes`) belongs to `features[f]`.
 */
export interface SoftmaxWeights {
  classes: number;
  features: string[];
  weights: Float32Array;
  bias: Float32Array;
}

/** Samples trained between two pauses of `softmaxSteps`: well under a millisecond. */
const rowsPerStep = 64;
/** Numbers of the AdaGrad sums set between two pauses. */
const fillPerStep = 1 << 18;

/**
 * Trains the model step by step: the generator pauses (yields) every few samples so that a
 * caller can give the event loop back (`runSliced`), or run it through at once (`runSteps`).
 */
export function* softmaxSteps(
  samples: readonly SoftmaxSample[],
  classes: number,
  settings: SoftmaxSettings = softmaxSettings,
  shuffleSeed = 1,
): Steps<SoftmaxWeights> {
  // Every feature's row lives in one flat array (and its AdaGrad sums in another), and a
  // sample holds its rows' offsets: tens of thousands of small typed arrays made each major
  // GC walk them all, one pause of 20-60 ms of CPU in the middle of a sliced training.
  const rowOf = new Map<string, number>();
  const rows: { label: number; offsets: Int32Array }[] = [];
  for (const sample of samples) {
    const offsets = new Int32Array(sample.features.length);
    sample.features.forEach((feature, i) => {
      let row = rowOf.get(feature);
      if (row === undefined) rowOf.set(feature, (row = rowOf.size));
      offsets[i] = row * classes;
    });
    rows.push({ label: sample.label, offsets });
    if (rows.length % rowsPerStep === 0) yield;
  }
  const size = rowOf.size * classes;
  const weights = new Float32Array(size);
  // Millions of numbers: filled a slice at a time, as the rows are read.
  const squares = new Float32Array(size);
  const bias = new Float32Array(classes);
  const biasSquares = new Float32Array(classes);
  // The averaged model; the first training's weights when there is one.
  const sum = settings.models > 1 ? new Float32Array(size) : weights;
  const sumBias = settings.models > 1 ? new Float32Array(classes) : bias;
  const order = rows.map((_, i) => i);
  const p = new Float32Array(classes);
  const rate = settings.learningRate;
  for (let model = 0; model < settings.models; model++) {
    for (let from = 0; from < size; from += fillPerStep) {
      weights.fill(0, from, from + fillPerStep);
      squares.fill(1e-8, from, from + fillPerStep);
      yield;
    }
    bias.fill(0);
    biasSquares.fill(1e-8);
    // A fixed seed: the same examples always give the same model (pinned decisions). One
    // order moved cross-validation by about 0.01 (see the README): hence several, averaged.
    let seed = (shuffleSeed + model) * 7919;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    order.forEach((_, i) => (order[i] = i));
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      let done = 0;
      for (const i of order) {
        if (++done % rowsPerStep === 0) yield;
        const row = rows[i] as (typeof rows)[number];
        p.set(bias);
        for (const at of row.offsets)
          for (let k = 0; k < classes; k++) p[k] = (p[k] as number) + (weights[at + k] as number);
        softmaxInPlace(p);
        p[row.label] = (p[row.label] ?? 0) - 1;
        for (let k = 0; k < classes; k++) {
          const g = p[k] as number;
          biasSquares[k] = (biasSquares[k] as number) + g * g;
          bias[k] = (bias[k] as number) - (rate * g) / Math.sqrt(biasSquares[k] as number);
        }
        for (const at of row.offsets)
          for (let k = 0; k < classes; k++) {
            const g = (p[k] as number) + settings.l2 * (weights[at + k] as number);
            squares[at + k] = (squares[at + k] as number) + g * g;
            weights[at + k] =
              (weights[at + k] as number) - (rate * g) / Math.sqrt(squares[at + k] as number);
          }
      }
    }
    if (sum !== weights) {
      const share = 1 / settings.models;
      for (let from = 0; from < size; from += fillPerStep) {
        const to = Math.min(size, from + fillPerStep);
        for (let i = from; i < to; i++)
          sum[i] = (sum[i] as number) + (weights[i] as number) * share;
        yield;
      }
      for (let k = 0; k < classes; k++)
        sumBias[k] = (sumBias[k] as number) + (bias[k] as number) * share;
    }
  }
  yield;
  return { classes, features: [...rowOf.keys()], weights: sum, bias: sumBias };
}

export function trainSoftmax(
  samples: readonly SoftmaxSample[],
  classes: number,
  settings: SoftmaxSettings = softmaxSettings,
  shuffleSeed = 1,
): SoftmaxModel {
  return softmaxModel(runSteps(softmaxSteps(samples, classes, settings, shuffleSeed)));
}

/** The model of trained weights (freshly trained or read from a cache: the same decisions). */
export function softmaxModel(trained: SoftmaxWeights): SoftmaxModel {
  const { classes } = trained;
  // One row offset a feature and the rows as doubles in one array: a cached model is
  // ready in a few milliseconds, and summing float32 rows cost twice as much per message.
  const rowOf = new Map<string, number>();
  trained.features.forEach((feature, f) => rowOf.set(feature, f * classes));
  const rows = Float64Array.from(trained.weights);
  const bias = Float64Array.from(trained.bias);
  return {
    classes,
    predict(features) {
      const out = Float64Array.from(bias);
      for (const feature of features) {
        const at = rowOf.get(feature);
        if (at === undefined) continue;
        for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + (rows[at + k] as number);
      }
      return softmaxInPlace(out);
    },
  };
}

/** Turns scores into probabilities, in place. */
function softmaxInPlace<T extends Float32Array | Float64Array>(out: T): T {
  const classes = out.length;
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, out[k] as number);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    out[k] = Math.exp((out[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < classes; k++) out[k] = (out[k] as number) / sum;
  return out;
}
