import { readFileSync, writeFileSync } from "node:fs";
import { parseQuestionsJsonl } from "../core/faq/index.js";
import { defaultTuningExamplesFile } from "../core/faq/tuning-examples.js";

/**
 * `npm run faq:training`: copies the labelled tuning sets into the examples the learned
 * classifier ships with (`core/faq/training/`). Only tuning sets: never test/faq/untouched/.
 * FAQ_BENCH_DIR: the benchmark's folder when the checkout is not next to it (a worktree).
 */
const benchDir = (
  process.env.FAQ_BENCH_DIR ?? new URL("../../shared/faq-bench/", import.meta.url).pathname
).replace(/\/?$/, "/");
export const tuningSources = [
  `${benchDir}dev.jsonl`,
  ...[
    "holdout",
    "holdout2",
    "blind-a",
    "blind-b",
    "blind-c",
    "untouched-1",
    "personas-a",
    "personas-b",
    "personas-c",
    "personas-d",
  ].map((name) => new URL(`../test/faq/tuning/${name}.jsonl`, import.meta.url).pathname),
];

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
