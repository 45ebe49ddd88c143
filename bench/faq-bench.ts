import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createFaqMatcher, parseKbYaml, parseQuestionsJsonl } from "../core/faq/index.js";
import { generateEntries } from "./generate-entries.js";

/**
 * `npm run bench:faq`: matching time per message and heap held by the loaded matcher, at
 * the benchmark's 56 entries and at 5,000 generated ones. Prints one JSON object.
 */
// FAQ_BENCH_DIR: the benchmark's folder when the checkout is not next to it (a worktree).
const benchDir = process.env.FAQ_BENCH_DIR
  ? pathToFileURL(`${process.env.FAQ_BENCH_DIR.replace(/\/$/, "")}/`)
  : new URL("../../shared/faq-bench/", import.meta.url);
const seed = parseKbYaml(readFileSync(new URL("kb.yaml", benchDir), "utf8"));
const messages = [
  ...parseQuestionsJsonl(readFileSync(new URL("dev.jsonl", benchDir), "utf8")),
  ...parseQuestionsJsonl(
    readFileSync(new URL("../test/faq/tuning/holdout.jsonl", import.meta.url), "utf8"),
  ),
].map((question) => question.text);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function measure(count: number) {
  const entries = count <= seed.length ? seed : generateEntries(seed, count);
  const before = heapUsed();
  const started = performance.now();
  const matcher = createFaqMatcher(entries);
  const buildMs = performance.now() - started;
  const indexMb = (heapUsed() - before) / 1024 / 1024;
  for (const text of messages) matcher.match(text); // warm-up: JIT and stem cache
  const rounds = count > 1000 ? 5 : 50;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const text of messages) matcher.match(text);
  const msPerMessage = (performance.now() - t0) / (rounds * messages.length);
  return {
    entries: entries.length,
    ms_per_message: Math.round(msPerMessage * 10000) / 10000,
    build_ms: Math.round(buildMs),
    index_heap_mb: Math.round(indexMb * 10) / 10,
  };
}

const small = measure(seed.length);
const large = measure(5000);
console.log(
  JSON.stringify({
    messages: messages.length,
    [`entries_${small.entries}`]: small,
    entries_5000: large,
  }),
);
