/**
 * The labelled tuning sets, in the order the classifier's examples are written: dev.jsonl of
 * the benchmark and every set in test/faq/tuning/. Never test/faq/untouched/.
 * FAQ_BENCH_DIR: the benchmark's folder when the checkout is not next to it (a worktree).
 */
export const benchDir = (
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
    "personas-e",
    "personas-f",
  ].map((name) => new URL(`../test/faq/tuning/${name}.jsonl`, import.meta.url).pathname),
];
