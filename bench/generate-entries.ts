import type { FaqEntryInput } from "../core/faq/index.js";

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same base. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables =
  "ба ве ги до ку ла ми но пра ро су та фи хо це чу ша эр юн ят ско стро кра зем".split(" ");

/**
 * Grows a knowledge base to `count` entries for the benchmark: each generated entry is a
 * real entry with about a third of its words swapped for pseudo-words from a pool that
 * grows with the base, so the vocabulary, the posting lists and the share of common words
 * all scale the way a large real base would.
 */
export function generateEntries(
  seedEntries: readonly FaqEntryInput[],
  count: number,
): FaqEntryInput[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const pool = Array.from({ length: Math.max(2000, count * 4) }, () =>
    Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(syllables)).join(""),
  );
  const mutate = (text: string) =>
    text
      .split(" ")
      .map((word) => (next() < 0.35 ? pick(pool) : word))
      .join(" ");
  const out: FaqEntryInput[] = [...seedEntries];
  for (let i = out.length; i < count; i++) {
    const base = pick(seedEntries);
    out.push({
      id: `generated-${i}`,
      category: base.category,
      question: mutate(base.question),
      answer: base.answer,
      phrasings: base.phrasings.map(mutate),
      keywords: base.keywords.map(mutate),
    });
  }
  return out;
}
