import type { FaqIndex } from "./faq-index.js";
import type { QueryTerm } from "./resolve-terms.js";

/** How well one entry explains a message. */
export interface EntryScore {
  entry: number;
  /** Ranking score: entry-wide evidence plus half the best single-text match. */
  score: number;
  /** Idf mass of the message words found anywhere in the entry (keywords included). */
  evidence: number;
  /**
   * Best single text (question or phrasing): the message-text dot product over the text's
   * norm, so a short phrasing fully matched beats a long one matched in passing.
   */
  textEvidence: number;
  /** Share of the message's informative weight explained by the entry. */
  coverage: number;
  /** Indexes into the query terms that matched the entry. */
  matched: number[];
}

/** Weight of the best single-text match relative to the entry-wide evidence. */
export const textEvidenceShare = 0.25;

/** Ranks entries for a message; keeps only the best `limit`. */
export type EntryScorer = (terms: readonly QueryTerm[], limit: number) => EntryScore[];

/** A growable list of touched slots over a preallocated buffer. */
interface Touched {
  items: Int32Array;
  count: number;
}

const touched = (size: number): Touched => ({ items: new Int32Array(size), count: 0 });

/**
 * Builds the scorer of an index. It works through the inverted index only (the work grows
 * with the postings of the message's stems, not with the size of the base) and in
 * preallocated typed arrays, so matching makes almost no garbage. Not re-entrant, which a
 * synchronous `match` never needs.
 */
export function createEntryScorer(index: FaqIndex): EntryScorer {
  const texts = index.textEntry.length;
  const entries = index.entryIds.length;
  const termText = new Float64Array(texts);
  const textSum = new Float64Array(texts);
  const termEntry = new Float64Array(entries);
  const evidence = new Float64Array(entries);
  const bestText = new Float64Array(entries);
  const termTexts = touched(texts);
  const allTexts = touched(texts);
  const termEntries = touched(entries);
  const allEntries = touched(entries);

  function addTerm(term: QueryTerm): void {
    termTexts.count = 0;
    termEntries.count = 0;
    for (const alt of term.alternatives) {
      const value = alt.similarity * (index.idf.get(alt.stem) ?? 0);
      for (const t of index.textPostings.get(alt.stem) ?? []) {
        if (termText[t] === 0) termTexts.items[termTexts.count++] = t;
        if ((termText[t] ?? 0) < value) termText[t] = value;
      }
      const postings = index.entryPostings.get(alt.stem);
      if (!postings) continue;
      for (let i = 0; i < postings.entries.length; i++) {
        const e = postings.entries[i] ?? 0;
        const v = value * (postings.weights[i] ?? 0);
        if (termEntry[e] === 0) termEntries.items[termEntries.count++] = e;
        if ((termEntry[e] ?? 0) < v) termEntry[e] = v;
      }
    }
    for (let i = 0; i < termTexts.count; i++) {
      const t = termTexts.items[i] ?? 0;
      if (textSum[t] === 0) allTexts.items[allTexts.count++] = t;
      textSum[t] =
        (textSum[t] ?? 0) + ((termText[t] ?? 0) * term.weight) / (index.textNorm[t] || 1);
      termText[t] = 0;
    }
    for (let i = 0; i < termEntries.count; i++) {
      const e = termEntries.items[i] ?? 0;
      if (evidence[e] === 0) allEntries.items[allEntries.count++] = e;
      evidence[e] = (evidence[e] ?? 0) + (termEntry[e] ?? 0);
      termEntry[e] = 0;
    }
  }

  return (terms, limit) => {
    allTexts.count = 0;
    allEntries.count = 0;
    let weightSum = 0;
    for (const term of terms) {
      weightSum += term.weight;
      addTerm(term);
    }
    for (let i = 0; i < allTexts.count; i++) {
      const t = allTexts.items[i] ?? 0;
      const e = index.textEntry[t] ?? 0;
      if ((bestText[e] ?? 0) < (textSum[t] ?? 0)) bestText[e] = textSum[t] ?? 0;
      textSum[t] = 0;
    }
    const top: { entry: number; score: number }[] = [];
    for (let i = 0; i < allEntries.count; i++) {
      const e = allEntries.items[i] ?? 0;
      const score = (evidence[e] ?? 0) + textEvidenceShare * (bestText[e] ?? 0);
      if (top.length < limit || score > (top[top.length - 1]?.score ?? 0)) {
        let at = top.length;
        while (at > 0 && (top[at - 1]?.score ?? 0) < score) at--;
        top.splice(at, 0, { entry: e, score });
        if (top.length > limit) top.pop();
      }
    }
    const result = top.map(({ entry, score }) => ({
      entry,
      score,
      evidence: evidence[entry] ?? 0,
      textEvidence: bestText[entry] ?? 0,
      coverage: weightSum > 0 ? Math.min(1, (evidence[entry] ?? 0) / weightSum) : 0,
      matched: matchedTerms(index, terms, entry),
    }));
    for (let i = 0; i < allEntries.count; i++) {
      const e = allEntries.items[i] ?? 0;
      evidence[e] = 0;
      bestText[e] = 0;
    }
    return result;
  };
}

function matchedTerms(index: FaqIndex, terms: readonly QueryTerm[], entry: number): number[] {
  const stems = index.entryStems[entry];
  const out: number[] = [];
  terms.forEach((term, q) => {
    if (term.alternatives.some((alt) => stems?.has(alt.stem))) out.push(q);
  });
  return out;
}
