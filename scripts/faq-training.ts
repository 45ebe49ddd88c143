import { readFileSync, writeFileSync } from "node:fs";
import { parseQuestionsJsonl } from "../core/faq/index.js";
import { defaultTuningExamplesFile } from "../core/faq/tuning-examples.js";
import { tuningSources } from "./tuning-sets.js";

/**
 * `npm run faq:training`: copies the labelled tuning sets into the examples the learned
 * classifier ships with (`core/faq/training/`). Only tuning sets: never test/faq/untouched/.
 * FAQ_BENCH_DIR: the benchmark's folder when the checkout is not next to it (a worktree).
 */

const seen = new Set<string>();
const lines: string[] = [];
for (const file of tuningSources)
  for (const question of parseQuestionsJsonl(readFileSync(file, "utf8"))) {
    if (seen.has(question.text)) continue;
    seen.add(question.text);
    lines.push(JSON.stringify({ text: question.text, expected: question.expected }));
  }
writeFileSync(defaultTuningExamplesFile, `${lines.join("\n")}\n`);
console.log(
  `Wrote ${lines.length} examples from ${tuningSources.length} sets to ${defaultTuningExamplesFile}.`,
);
