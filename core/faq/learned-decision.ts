import type { FaqCandidate, LearnedOpinion } from "./faq-types.js";

/** The thresholds of the decision that reads the learned classifier (`matcher.ts`). */
export interface LearnedThresholds {
  /** Heuristic confidence to answer on its own (the learned model must not object). */
  threshold: number;
  /** The model's probability to answer when its most probable class is the matcher's best. */
  learnedThreshold: number;
  /** The least probability the model must give the best entry for the heuristic to answer. */
  learnedSupport: number;
  /** The model's probability to answer, agreeing, when the best entry lacks the evidence. */
  learnedAlone: number;
}

/**
 * Whether a best entry that is not withheld is answered: the matcher and the learned model
 * agree on it and the model is sure (surer when the words matched are few: `enough` is
 * false), or the matcher has the evidence and is sure and the model gives the entry some
 * chance. Without a model the heuristic decides alone.
 */
export function answers(
  bestId: string,
  confidence: number,
  enough: boolean,
  learned: LearnedOpinion | undefined,
  t: LearnedThresholds,
): boolean {
  if (!learned) return enough && confidence >= t.threshold;
  const needed = enough ? t.learnedThreshold : t.learnedAlone;
  if (learned.id === bestId && learned.probability >= needed) return true;
  return enough && confidence >= t.threshold && learned.forBest >= t.learnedSupport;
}

/**
 * The model's answer against the ranking when it also turns the ranking's first down: it
 * names its own entry at `probability` or more and gives the matcher's best at most
 * `forBest`. Below the plain override's probability, a model that rules the words' first
 * choice out is right more often than one that merely prefers another entry.
 */
export interface RejectingOverride {
  probability: number;
  forBest: number;
}

/**
 * The entry the learned model answers against the matcher's ranking, if any: it names
 * another entry than the matcher's best, one it learnt from labelled messages (an entry it
 * knows only by the base's texts is too easily mistaken), and gives it at least `override`
 * (2: never), or at least `rejecting.probability` while giving the best at most
 * `rejecting.forBest`; and the message's own words rank that entry within the first
 * `maxRank` (`rank`, 1 = best; undefined: the entry may not be answered at all, see
 * `FaqMatch.learnedRank`; `maxRank` Infinity: the ranking is not asked). "Needs a person"
 * is never overridden into an answer.
 */
export function overrides(
  bestId: string,
  learned: LearnedOpinion | undefined,
  override: number,
  rank: number | undefined,
  maxRank: number,
  rejecting?: RejectingOverride,
): string | undefined {
  if (!learned || learned.id === null || learned.id === bestId || !learned.idTaught)
    return undefined;
  if (rank === undefined || rank > maxRank) return undefined;
  if (learned.probability >= override) return learned.id;
  if (
    rejecting &&
    learned.probability >= rejecting.probability &&
    learned.forBest <= rejecting.forBest
  )
    return learned.id;
  return undefined;
}

/**
 * The buttons of an escalation: the matcher's offers and the model's likely entries. An
 * entry both propose comes first; the rest by their own probability; at most `limit`.
 */
export function mergeOffers(
  offers: readonly FaqCandidate[],
  learned: LearnedOpinion | undefined,
  threshold: number,
  limit: number,
): FaqCandidate[] {
  if (!learned) return offers.slice(0, limit);
  const ranked = offers.map((offer) => ({ offer, rank: offer.confidence ?? 0 }));
  for (const likely of learned.likely) {
    if (likely.probability < threshold) continue;
    const known = ranked.find((r) => r.offer.id === likely.id);
    if (known) {
      const confidence = Math.max(known.offer.confidence ?? 0, likely.probability);
      known.rank = 1 + confidence;
      known.offer = { ...known.offer, confidence };
    } else
      ranked.push({
        offer: {
          id: likely.id,
          score: 0,
          coverage: 0,
          matchedTerms: [],
          confidence: likely.probability,
        },
        rank: likely.probability,
      });
  }
  return ranked
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map((r) => r.offer);
}
