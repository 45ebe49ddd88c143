import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import {
  createFaqMatcher,
  learnMatcher,
  parseKbYaml,
  redisLearnedStore,
} from "../core/faq/index.js";
import { warmRussianDictionary } from "../core/language/index.js";
import { createRedis } from "../core/queue/index.js";
import { defaultTuningExamples } from "../core/faq/tuning-examples.js";

/**
 * `npm run -s bench:faq-build`: what building the FAQ matcher of the benchmark's base costs
 * the event loop. Three ways: trained at once (`createFaqMatcher`, as the CLI does), trained
 * in slices (`learnMatcher` without a store: a cache miss), and read from Redis (another
 * process trained it). For each: wall time, CPU time, and the longest the event loop
 * waited (the longest gap between two turns of a loop of `setImmediate`, in wall time and in
 * the thread's CPU time, which a busy machine does not inflate). REDIS_URL:
 * default redis://127.0.0.1:6379 (keys under a random prefix, deleted at the end).
 */
const benchDir = (
  process.env.FAQ_BENCH_DIR ?? new URL("../../shared/faq-bench/", import.meta.url).pathname
).replace(/\/?$/, "/");
const entries = parseKbYaml(readFileSync(`${benchDir}kb.yaml`, "utf8"));
const examples = defaultTuningExamples();
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const cpuMs = () => {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
};

interface Run {
  wall_ms: number;
  cpu_ms: number;
  /** The longest turn of the event loop, wall time and CPU time of the thread. */
  block_ms: number;
  block_cpu_ms: number;
}

/** Runs `build` while a loop of setImmediate measures the longest turn of the event loop. */
async function measure(build: () => unknown): Promise<Run> {
  let longest = 0;
  let longestCpu = 0;
  let last = performance.now();
  let lastCpu = cpuMs();
  let running = true;
  const turn = () => {
    const [now, nowCpu] = [performance.now(), cpuMs()];
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, nowCpu - lastCpu);
    [last, lastCpu] = [now, nowCpu];
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  await new Promise((resolve) => setImmediate(resolve));
  const [wall, cpu] = [performance.now(), cpuMs()];
  await build();
  const result = { wall_ms: performance.now() - wall, cpu_ms: cpuMs() - cpu };
  await new Promise((resolve) => setImmediate(resolve));
  running = false;
  return { ...result, block_ms: longest, block_cpu_ms: longestCpu };
}

const round = (value: number) => Math.round(value * 10) / 10;
function summary(runs: Run[]) {
  const pick = (key: keyof Run) => runs.map((run) => round(run[key]));
  return {
    wall_ms: pick("wall_ms"),
    cpu_ms: pick("cpu_ms"),
    event_loop_block_ms: pick("block_ms"),
    event_loop_block_cpu_ms: pick("block_cpu_ms"),
  };
}

warmRussianDictionary();
createFaqMatcher(entries); // JIT and per-process caches, as in a running service
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `faqbench-${randomBytes(4).toString("hex")}`;
const store = redisLearnedStore(redis, prefix);
await learnMatcher(createFaqMatcher(entries, { examples: null }), entries, examples, { store });

const at = {
  at_once: [] as Awaited<ReturnType<typeof measure>>[],
  heuristic_only: [] as Awaited<ReturnType<typeof measure>>[],
  sliced: [] as Awaited<ReturnType<typeof measure>>[],
  from_redis: [] as Awaited<ReturnType<typeof measure>>[],
};
for (let r = 0; r < rounds; r++) {
  at.at_once.push(await measure(() => createFaqMatcher(entries)));
  at.heuristic_only.push(await measure(() => createFaqMatcher(entries, { examples: null })));
  at.sliced.push(
    await measure(() =>
      learnMatcher(createFaqMatcher(entries, { examples: null }), entries, examples),
    ),
  );
  at.from_redis.push(
    await measure(() =>
      learnMatcher(createFaqMatcher(entries, { examples: null }), entries, examples, { store }),
    ),
  );
}
const keys = await redis.keys(`${prefix}:*`);
if (keys.length > 0) await redis.del(...keys);
redis.disconnect();
console.log(
  JSON.stringify({
    entries: entries.length,
    examples: examples.length,
    rounds,
    at_once: summary(at.at_once),
    heuristic_only: summary(at.heuristic_only),
    sliced: summary(at.sliced),
    from_redis: summary(at.from_redis),
  }),
);
