import type { TextMatch } from "../etiquette-verdict.js";

/**
 * How many different fragments one rule reports. The agent fixes a word everywhere at
 * once, and a card with more reasons than this is not read: a reply of 5,000 "ок" is one
 * finding, and a hostile reply of thousands of different hits costs no more than ten.
 */
export const MAX_FINDINGS_PER_RULE = 10;

/** Fragments of one rule, each spelling once, at most `limit` of them. */
export interface DistinctMatches<M extends TextMatch = TextMatch> {
  /** Keeps the match unless its spelling (`key`, the text by default) is already kept. */
  add(match: M, key?: string): void;
  /** Whether `key` was kept: lets a detector skip work for a fragment it has reported. */
  has(key: string): boolean;
  /** The rule has reported all it may: the detector can stop reading. */
  readonly full: boolean;
  /** The kept matches in text order. */
  sorted(): M[];
}

export function distinctMatches<M extends TextMatch = TextMatch>(
  limit = MAX_FINDINGS_PER_RULE,
): DistinctMatches<M> {
  const kept = new Map<string, M>();
  return {
    add(match, key = match.text) {
      if (kept.size < limit && !kept.has(key)) kept.set(key, match);
    },
    has: (key) => kept.has(key),
    get full() {
      return kept.size >= limit;
    },
    sorted: () => [...kept.values()].sort((a, b) => a.index - b.index),
  };
}
