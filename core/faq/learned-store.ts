import { createHash } from "node:crypto";
import type { RedisClient } from "../queue/redis-connection.js";
import type { FaqEntryInput } from "./faq-types.js";
import { taughtExamples, type LearnedState, type TrainingExample } from "./learned-classifier.js";
import type { FaqMatcher } from "./matcher.js";
import { softmaxSettings } from "./softmax-model.js";
import { runSliced } from "./steps.js";

/**
 * Change it with anything that changes what the classifier learns from the same texts:
 * its features, the way the matcher reads a message (spelling, lexicon, stems), its
 * training. Cached weights of another version are never read.
 */
export const learnedModelVersion = 1;

/**
 * Trained classifiers shared by the processes of a deployment: a published edit rebuilds
 * the FAQ in every process, and one of them trains while the others wait for its weights.
 */
export interface LearnedStore {
  get(key: string): Promise<LearnedState | undefined>;
  set(key: string, state: LearnedState): Promise<void>;
  /** Takes the training of `key` for `ms`; false while another process holds it. */
  claim(key: string, ms: number): Promise<boolean>;
}

/** What the classifier of these entries and examples learns from: equal keys, equal weights. */
export function learnedKey(
  entries: readonly FaqEntryInput[],
  examples: readonly TrainingExample[],
): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([learnedModelVersion, softmaxSettings, taughtExamples]));
  // Everything the matcher reads but the answers, which it never reads.
  for (const e of entries)
    hash.update(JSON.stringify([e.id, e.category, e.question, e.phrasings, e.keywords]));
  hash.update("\u0000");
  for (const example of examples) hash.update(JSON.stringify([example.text, example.entry]));
  return hash.digest("hex");
}

/** A state as bytes: a JSON header (its length first) and the float32 arrays after it. */
export function encodeLearnedState(state: LearnedState): Buffer {
  const { weights, ...rest } = state;
  const header = Buffer.from(
    JSON.stringify({ ...rest, classes: weights.classes, features: weights.features }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([
    length,
    header,
    Buffer.from(weights.bias.buffer, weights.bias.byteOffset, weights.bias.byteLength),
    Buffer.from(weights.weights.buffer, weights.weights.byteOffset, weights.weights.byteLength),
  ]);
}

export function decodeLearnedState(bytes: Buffer): LearnedState {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString()) as Omit<
    LearnedState,
    "weights"
  > & { classes: number; features: string[] };
  const { classes, features, ...rest } = header;
  // Copied out: a Buffer's offset need not be a multiple of 4.
  const floats = (from: number, count: number) =>
    new Float32Array(new Uint8Array(bytes.subarray(from, from + count * 4)).buffer);
  const bias = floats(4 + length, classes);
  const weights = floats(4 + length + classes * 4, classes * features.length);
  if (weights.length !== classes * features.length) throw new Error("truncated learned state");
  return { ...rest, weights: { classes, features, bias, weights } };
}

/** Weights kept this long after their last build: a version in use is rebuilt daily at most. */
const keptSeconds = 7 * 24 * 3600;

/** The store in Redis: one key per version (`faq:learned:<key>`), a lock key beside it. */
export function redisLearnedStore(redis: RedisClient, prefix = "faq:learned"): LearnedStore {
  return {
    async get(key) {
      const bytes = await redis.getBuffer(`${prefix}:${key}`);
      return bytes ? decodeLearnedState(bytes) : undefined;
    },
    async set(key, state) {
      await redis.set(`${prefix}:${key}`, encodeLearnedState(state), "EX", keptSeconds);
      await redis.del(`${prefix}:${key}:training`);
    },
    async claim(key, ms) {
      return (await redis.set(`${prefix}:${key}:training`, "1", "PX", ms, "NX")) === "OK";
    },
  };
}

/** How a classifier came to a matcher (`learnMatcher`). */
export type LearnedSource = "none" | "store" | "trained";

export interface LearnOptions {
  store?: LearnedStore;
  /** How long a process may train before another one takes over. */
  claimMs?: number;
  /** How often a waiting process looks for the weights another one trains. */
  pollMs?: number;
  /** Reports a store that failed: the process then trains on its own. */
  onStoreError?: (error: unknown) => void;
}

/**
 * The matcher with its learned classifier, without holding the event loop: the weights of
 * the same texts from the store when another process (or an earlier start) trained them,
 * else trained here in slices (`runSliced`) and stored. When another process is training
 * them, waits for its weights, and trains here only when that process failed to deliver
 * within `claimMs`.
 */
export async function learnMatcher(
  matcher: FaqMatcher,
  entries: readonly FaqEntryInput[],
  examples: readonly TrainingExample[] | null,
  options: LearnOptions = {},
): Promise<{ matcher: FaqMatcher; source: LearnedSource }> {
  if (examples === null) return { matcher, source: "none" };
  const { store, claimMs = 60_000, pollMs = 200, onStoreError = () => undefined } = options;
  const key = store ? learnedKey(entries, examples) : "";
  const fromStore = async () => {
    try {
      return await store?.get(key);
    } catch (error) {
      onStoreError(error);
      return undefined;
    }
  };
  if (store) {
    const deadline = Date.now() + claimMs;
    for (;;) {
      const state = await fromStore();
      if (state) return { matcher: matcher.withLearned(state), source: "store" };
      let claimed = true;
      try {
        claimed = await store.claim(key, claimMs);
      } catch (error) {
        onStoreError(error);
      }
      if (claimed || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  const state = await runSliced(matcher.learningSteps(examples));
  if (!state) return { matcher: matcher.withLearned(undefined), source: "none" };
  if (store)
    await store.set(key, state).catch((error: unknown) => {
      onStoreError(error);
    });
  return { matcher: matcher.withLearned(state), source: "trained" };
}
