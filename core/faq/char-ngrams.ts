/**
 * A second, spelling-robust view of the knowledge base: character n-grams inside word
 * boundaries, weighted by tf-idf and compared by cosine. It knows nothing of stems or
 * synonyms, so it fails differently from the word scorer: a typo, a voice-to-text split
 * ("восста новить") or an unusual ending still shares most of its n-grams with the right word.
 * The matcher reads it as a second opinion on the word scorer's best candidates (see
 * `confidence.ts`); it does not rank the whole base.
 */

/** Shortest and longest n-gram taken from a word padded with boundary marks. */
const minGram = 3;
const maxGram = 4;

/** Calls `fn` with every n-gram of a word padded with boundary marks ("_ко", "кот", …). */
function forEachGram(word: string, fn: (gram: string) => void): void {
  if (word.length < 2) return;
  const padded = `_${word}_`;
  for (let n = minGram; n <= maxGram; n++)
    for (let i = 0; i + n <= padded.length; i++) fn(padded.slice(i, i + n));
}

/** N-gram counts of a list of words. */
export function textGrams(words: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of words) forEachGram(word, (gram) => out.set(gram, (out.get(gram) ?? 0) + 1));
  return out;
}

/** The texts of a base as unit-length tf-idf vectors over n-grams. */
export interface CharNgramIndex {
  /** N-gram -> its id. */
  gramIds: Map<string, number>;
  /** Per n-gram id: its idf over the texts. */
  idf: Float32Array;
  /** Idf of an n-gram no text uses. */
  unseenIdf: number;
  /** Per text: its n-gram ids and their weights (the vector has unit length). */
  textGrams: Int32Array[];
  textWeights: Float32Array[];
  /** Per entry: its first text; entry `e` owns texts `entryStart[e]` to `entryStart[e + 1]`. */
  entryStart: Int32Array;
}

const tf = (count: number) => 1 + Math.log(count);

/**
 * Builds the index; `texts[e]` lists the texts of entry `e`, each as its normalised
 * content words.
 */
export function buildCharNgramIndex(texts: readonly (readonly string[][])[]): CharNgramIndex {
  const gramIds = new Map<string, number>();
  const df: number[] = [];
  const bags: Map<number, number>[] = [];
  const entryStart: number[] = [];
  // The same words come back in text after text: their n-grams are cut once per build
  // (ids in order of first use, as before; a build of the benchmark's base took 20 ms here).
  const wordIds = new Map<string, number[]>();
  const idsOf = (word: string): number[] => {
    let ids = wordIds.get(word);
    if (ids) return ids;
    const list: number[] = [];
    forEachGram(word, (gram) => {
      let id = gramIds.get(gram);
      if (id === undefined) {
        id = df.length;
        gramIds.set(gram, id);
        df.push(0);
      }
      list.push(id);
    });
    wordIds.set(word, (ids = list));
    return ids;
  };
  for (const entryTexts of texts) {
    entryStart.push(bags.length);
    for (const words of entryTexts) {
      const bag = new Map<number, number>();
      for (const word of words) for (const id of idsOf(word)) bag.set(id, (bag.get(id) ?? 0) + 1);
      for (const id of bag.keys()) df[id] = (df[id] ?? 0) + 1;
      bags.push(bag);
    }
  }
  entryStart.push(bags.length);
  const n = bags.length;
  const idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const textGramList: Int32Array[] = [];
  const textWeightList: Float32Array[] = [];
  for (const bag of bags) {
    const ids = Int32Array.from(bag.keys());
    const weights = Float32Array.from(ids, (id) => tf(bag.get(id) ?? 1) * (idf[id] ?? 0));
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
    textGramList.push(ids);
    textWeightList.push(weights);
  }
  return {
    gramIds,
    idf,
    unseenIdf: Math.log(1 + n) + 1,
    textGrams: textGramList,
    textWeights: textWeightList,
    entryStart: Int32Array.from(entryStart),
  };
}

/**
 * Compares a message with chosen entries: for each, the best cosine over its texts. The
 * work grows with the texts of those entries only, not with the size of the base.
 */
export type NgramScorer = (words: readonly string[], entries: readonly number[]) => number[];

/** Bound of the per-scorer cache of words' n-grams (a flood of unique words clears it). */
const wordCacheLimit = 20_000;

/**
 * Builds the scorer of an index (dense query buffers; not re-entrant). Each word's n-gram
 * ids are cached; an n-gram the base never uses is kept as -1 and counts once per use.
 */
export function createNgramScorer(index: CharNgramIndex): NgramScorer {
  const counts = new Float64Array(index.idf.length);
  const used: number[] = [];
  const cache = new Map<string, Int32Array>();
  const gramIdsOf = (word: string): Int32Array => {
    let ids = cache.get(word);
    if (ids) return ids;
    const list: number[] = [];
    forEachGram(word, (gram) => list.push(index.gramIds.get(gram) ?? -1));
    ids = Int32Array.from(list);
    if (cache.size >= wordCacheLimit) cache.clear();
    cache.set(word, ids);
    return ids;
  };
  return (words, entries) => {
    let unseen = 0;
    for (const word of words)
      for (const id of gramIdsOf(word)) {
        if (id < 0) {
          unseen += 1;
          continue;
        }
        const seen = counts[id] ?? 0;
        counts[id] = seen + 1;
        if (seen === 0) used.push(id);
      }
    let norm = 0;
    for (const id of used) {
      const w = tf(counts[id] ?? 1) * (index.idf[id] ?? 0);
      counts[id] = w;
      norm += w * w;
    }
    norm += unseen * index.unseenIdf ** 2;
    norm = Math.sqrt(norm);
    const result = entries.map((e) => {
      let best = 0;
      const end = index.entryStart[e + 1] ?? 0;
      for (let t = index.entryStart[e] ?? 0; t < end; t++) {
        const ids = index.textGrams[t];
        const weights = index.textWeights[t];
        if (!ids || !weights) continue;
        let dot = 0;
        for (let i = 0; i < ids.length; i++) dot += (counts[ids[i] ?? 0] ?? 0) * (weights[i] ?? 0);
        if (dot > best) best = dot;
      }
      return norm > 0 ? best / norm : 0;
    });
    for (const id of used) counts[id] = 0;
    used.length = 0;
    return result;
  };
}
