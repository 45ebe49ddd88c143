import { readFileSync } from "node:fs";
import { packageFile } from "../shared/index.js";
import { parseQuestionsJsonl } from "./evaluate.js";
import type { TrainingExample } from "./learned-classifier.js";

/**
 * The labelled parent messages the learned classifier trains on, shipped with the code
 * (`core/faq/training/README.md` says which tuning sets they were copied from;
 * `npm run faq:training` writes the file again). Keyed by entry id: examples of entries
 * a base does not have are ignored, so any other base still trains on its own phrasings.
 */
export const defaultTuningExamplesFile = packageFile(
  "core",
  "faq",
  "training",
  "tuning-examples.jsonl",
);

let shared: TrainingExample[] | undefined;

/** The shipped examples, read once (same format as the question sets: text, expected). */
export function defaultTuningExamples(): TrainingExample[] {
  shared ??= parseQuestionsJsonl(readFileSync(defaultTuningExamplesFile, "utf8")).map((q) => ({
    text: q.text,
    entry: q.expected,
  }));
  return shared;
}
