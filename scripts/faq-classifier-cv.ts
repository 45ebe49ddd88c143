import { readFileSync } from "node:fs";
import { createFaqMatcher, parseKbYaml, parseQuestionsJsonl } from "../core/faq/index.js";
import { learnedFeatures } from "../core/faq/learned-classifier.js";
import {
  softmaxModel,
  softmaxSettings,
  softmaxSteps,
  type SoftmaxSample,
  type SoftmaxSettings,
} from "../core/faq/softmax-model.js";
import { runSteps } from "../core/faq/steps.js";
import { benchDir, tuningSources as tuningSets } from "./tuning-sets.js";

/**
 * `npx tsx scripts/faq-classifier-cv.ts '[{"epochs":2,"learningRate":0.5,"l2":0,"models":3}]'`:
 * the fast proxy for the learned classifier's settings, seconds a setting where the nested
 * cross-validation of the whole matcher (`npm run faq -- crossval`) takes a quarter of an
 * hour. Leave-one-set-out over the tuning sets (the ones `faq-training.ts` copies, never
 * test/faq/untouched/): the classifier alone, trained on `kb.yaml`'s texts and every other
 * set, classifies the held-out set; prints top-1 accuracy ("needs a person" is a class),
 * log-loss, and the share answered at 65% or more and wrong. No argument: the shipped
 * settings. A message's features are read as `explain` reads it (a message that
 * out-of-scope patterns catch has none; the matcher trains on its words): a proxy.
 * FAQ_BENCH_DIR: the benchmark's folder when the checkout is not next to it.
 */

const entries = parseKbYaml(readFileSync(`${benchDir}kb.yaml`, "utf8"));
const matcher = createFaqMatcher(entries, { examples: null });
const features = (text: string) => learnedFeatures(matcher.explain(text).terms);
const classOf = new Map(entries.map((entry, i) => [entry.id, i]));
const person = entries.length;
const classes = entries.length + 1;
const baseSamples: SoftmaxSample[] = entries.flatMap((entry) =>
  [entry.question, ...entry.phrasings, entry.keywords.join(" ")].map((text) => ({
    features: features(text),
    label: classOf.get(entry.id) as number,
  })),
);
const sets = tuningSets.map((file) =>
  parseQuestionsJsonl(readFileSync(file, "utf8")).flatMap((q) => {
    const label = q.expected === null ? person : classOf.get(q.expected);
    return label === undefined ? [] : [{ text: q.text, label, features: features(q.text) }];
  }),
);

const given = process.argv[2];
const tried: SoftmaxSettings[] = given
  ? (JSON.parse(given) as SoftmaxSettings[])
  : [softmaxSettings];
for (const settings of tried) {
  let [count, right, loss, sureWrong] = [0, 0, 0, 0];
  const perSet: number[] = [];
  sets.forEach((heldOut, s) => {
    const unseen = new Set(heldOut.map((q) => q.text));
    const samples = [
      ...baseSamples,
      ...sets.flatMap((set, o) => (o === s ? [] : set.filter((q) => !unseen.has(q.text)))),
    ];
    const model = softmaxModel(runSteps(softmaxSteps(samples, classes, settings)));
    let setRight = 0;
    for (const q of heldOut) {
      const p = model.predict(q.features);
      let top = 0;
      for (let k = 1; k < classes; k++) if ((p[k] as number) > (p[top] as number)) top = k;
      count++;
      if (top === q.label) [right, setRight] = [right + 1, setRight + 1];
      else if (top !== person && (p[top] as number) >= 0.65) sureWrong++;
      loss -= Math.log(Math.max(p[q.label] as number, 1e-9));
    }
    perSet.push(Math.round((setRight / heldOut.length) * 1000) / 1000);
  });
  const share = (part: number) => Math.round((part / count) * 10000) / 10000;
  console.log(
    JSON.stringify({
      settings,
      accuracy: share(right),
      log_loss: share(loss),
      wrong_at_65: share(sureWrong),
      per_set: perSet,
    }),
  );
}
