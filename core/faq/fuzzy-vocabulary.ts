import { editDistance } from "./edit-distance.js";

/** A vocabulary word close to a misspelt one. */
export interface FuzzyHit {
  word: string;
  distance: number;
}

/** Typo-tolerant look-up in a fixed set of words. */
export interface FuzzyVocabulary {
  has(word: string): boolean;
  /** Words within `maxDistance` edits (at most 2), nearest first. */
  nearest(word: string, maxDistance: number): FuzzyHit[];
  readonly size: number;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * A symmetric-delete index (SymSpell) with single deletions on both sides: one hash
 * look-up per deletion of the query finds every word at distance 1 and most at distance
 * 2, which is then confirmed with the exact edit distance. Memory grows with the total
 * length of the words, not with their square.
 */
export function createFuzzyVocabulary(words: Iterable<string>): FuzzyVocabulary {
  const known = new Set<string>();
  const byDeletion = new Map<string, string[]>();
  let longest = 0;
  const add = (key: string, word: string) => {
    const list = byDeletion.get(key);
    if (list) {
      if (list[list.length - 1] !== word) list.push(word);
    } else byDeletion.set(key, [word]);
  };
  for (const word of words) {
    if (known.has(word)) continue;
    known.add(word);
    longest = Math.max(longest, word.length);
    add(word, word);
    for (const key of deletes(word)) add(key, word);
  }
  return {
    size: known.size,
    has: (word) => known.has(word),
    nearest(word, maxDistance) {
      // Longer than any word by more than the distance: nothing is near, and the
      // deletions of a 16,000-letter word would cost its length squared.
      if (word.length > longest + maxDistance) return [];
      const seen = new Map<string, number>();
      for (const key of [word, ...deletes(word)]) {
        for (const candidate of byDeletion.get(key) ?? []) {
          if (seen.has(candidate)) continue;
          seen.set(candidate, editDistance(word, candidate, maxDistance));
        }
      }
      return [...seen]
        .filter(([, distance]) => distance <= maxDistance)
        .map(([candidate, distance]) => ({ word: candidate, distance }))
        .sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word));
    },
  };
}
