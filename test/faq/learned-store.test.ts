import { readFileSync } from "node:fs";
import { performance, PerformanceObserver } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import {
  createFaqMatcher,
  defaultFaqFile,
  learnMatcher,
  parseKbYaml,
  redisLearnedStore,
} from "../../core/faq/index.js";
import { shippedExamplesFor } from "../../core/faq/example-labels.js";
import { warmRussianDictionary } from "../../core/language/spelling-dictionary.js";
import { createTestRedis } from "../support/test-redis.js";

// The shipped base and examples: a build as the service runs it (about 3,000 examples).
const entries = parseKbYaml(readFileSync(defaultFaqFile, "utf8"));
// As the live FAQ trains: the shipped examples read through production-labels.yaml.
const examples = shippedExamplesFor(entries.map((entry) => entry.id));
const heuristic = () => createFaqMatcher(entries, { examples: null });
const probes = examples.slice(0, 200).map((example) => example.text);

/** CPU time of this thread in ms (not wall time: a shared machine may pause the process). */
const cpuMs = () => {
  const usage =
    (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ??
    process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

describe("learned FAQ classifier built off the event loop, shared through Redis", () => {
  const testRedis = createTestRedis();
  afterAll(() => testRedis.cleanup());
  const store = (name: string) => redisLearnedStore(testRedis.redis, `${testRedis.prefix}:${name}`);

  it("pauses its training every few milliseconds of CPU", async () => {
    // A service reads the spelling dictionary at start-up, before it trains anything.
    warmRussianDictionary();
    const steps = heuristic().learningSteps(examples);
    // V8's major collections are the runtime's, not the training's: allocating the flat
    // weight arrays (tens of MB) sets one off once per training, 20-50 ms of this thread
    // with seven thousand examples in the heap. Each step's CPU is counted without the
    // collections that fell inside it (their wall time: the pause is this thread's).
    const collections: { start: number; end: number }[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    });
    observer.observe({ entryTypes: ["gc"] });
    const measured: { cpu: number; start: number; end: number }[] = [];
    for (;;) {
      const [cpu, start] = [cpuMs(), performance.now()];
      const step = steps.next();
      measured.push({ cpu: cpuMs() - cpu, start, end: performance.now() });
      if (step.done) break;
    }
    // The entries are delivered asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    const own = measured.map(({ cpu, start, end }) => {
      let collecting = 0;
      for (const c of collections)
        collecting += Math.max(0, Math.min(end, c.end) - Math.max(start, c.start));
      return cpu - collecting;
    });
    expect(measured.length - 1).toBeGreaterThan(100);
    // The brief allows 50 ms; a step's own work is far below it, whatever the machine's load.
    expect(Math.max(...own)).toBeLessThan(20);
  });

  it("answers other work while it trains, and decides as a matcher trained at once", async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const built = await learnMatcher(heuristic(), entries, examples);
    running = false;
    expect(built.source).toBe("trained");
    expect(ticks).toBeGreaterThan(10);
    const direct = createFaqMatcher(entries);
    for (const text of probes) expect(built.matcher.match(text)).toEqual(direct.match(text));
  });

  it("trains once for processes building the same texts at once; the others read its weights", async () => {
    const shared = store("once");
    const builds = await Promise.all(
      [1, 2, 3].map(() =>
        learnMatcher(heuristic(), entries, examples, { store: shared, pollMs: 20 }),
      ),
    );
    expect(builds.map((b) => b.source).sort()).toEqual(["store", "store", "trained"]);
    // A later reload (another process, or a restart) reads them too.
    const later = await learnMatcher(heuristic(), entries, examples, { store: store("once") });
    expect(later.source).toBe("store");
    const direct = createFaqMatcher(entries);
    for (const build of [...builds, later])
      for (const text of probes) expect(build.matcher.match(text)).toEqual(direct.match(text));
  });

  it("trains again when the texts change", async () => {
    const shared = store("edit");
    await learnMatcher(heuristic(), entries, examples, { store: shared });
    const [first, ...rest] = entries;
    if (!first) throw new Error("empty base");
    const edited = [
      { ...first, phrasings: [...first.phrasings, "совсем новая формулировка"] },
      ...rest,
    ];
    const rebuilt = await learnMatcher(
      createFaqMatcher(edited, { examples: null }),
      edited,
      examples,
      { store: shared },
    );
    expect(rebuilt.source).toBe("trained");
  });

  it("trains on its own when the store fails", async () => {
    const errors: unknown[] = [];
    const broken = {
      get: () => Promise.reject(new Error("redis down")),
      set: () => Promise.reject(new Error("redis down")),
      claim: () => Promise.reject(new Error("redis down")),
    };
    const built = await learnMatcher(heuristic(), entries, examples, {
      store: broken,
      onStoreError: (error) => errors.push(error),
    });
    expect(built.source).toBe("trained");
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });
});
