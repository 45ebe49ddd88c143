import { evaluateMatcher, type FaqMetrics, type LabelledQuestion } from "./evaluate.js";
import type { FaqEntryInput, FaqMatch } from "./faq-types.js";
import type { TrainingExample } from "./learned-classifier.js";
import { answers, mergeOffers, overrides, type LearnedThresholds } from "./learned-decision.js";
import {
  answerEvidence,
  createFaqMatcher,
  offerLimit,
  type FaqMatcher,
  type FaqMatcherOptions,
} from "./matcher.js";

/** A named set of labelled messages. */
export interface QuestionSet {
  name: string;
  questions: LabelledQuestion[];
}

/** The decision thresholds that cross-validation chooses. */
export interface Thresholds extends LearnedThresholds {
  offerThreshold: number;
  learnedOfferThreshold: number;
  learnedOverride: number;
  /** How high the words must rank the entry the model answers against them (Infinity: anywhere). */
  overrideRank: number;
  /** The model's probability to answer against the ranking when it turns the best down (2: never)… */
  rejectingOverride: number;
  /** …giving the ranking's best at most this. */
  rejectingForBest: number;
}

/** One fold: the thresholds chosen without a set, and that set's metrics under them. */
export interface Fold extends Thresholds {
  heldOut: string;
  metrics: FaqMetrics;
}

/** Wrong answers cost a parent more than a ticket: each counts as this many misses. */
const wrongAnswerCost = 3;
/** Offered buttons that are all wrong cost little (the ticket is open anyway). */
const wrongOfferCost = 0.5;
/** A threshold is only eligible if the pooled wrong-answer rate stays at or below this. */
const wrongAnswerCeiling = 0.04;

const grid = (from: number, to: number, step: number) =>
  Array.from(
    { length: Math.round((to - from) / step) + 1 },
    (_, i) => Math.round((from + i * step) * 100) / 100,
  );
/** 2 stands for "never": the heuristic, or the model, never answers on its own say. */
const answerGrid = [0.75, 0.85, 0.95, 2];
const learnedGrid = [...grid(0.3, 0.95, 0.05), 2];
const supportGrid = [0, 0.1, 0.2, 0.3];
const aloneGrid = [0.8, 0.85, 0.9, 0.95, 2];
const offerGrid = [0.05, 0.1, 0.2, 2];
const learnedOfferGrid = [...grid(0.05, 0.3, 0.05), 2];
/**
 * The classifier answering against the ranking: from 0.8 the folds chose 0.85 and wrong
 * answers rose (pooled 0.017); from 0.9 the figures are the same but for one wrong answer.
 */
const overrideGrid = [0.9, 0.95, 0.97, 0.99, 2];
/**
 * The guard on that answer: the words rank the entry second, within the first three (the
 * depth the matcher ranks to), or anywhere.
 */
const overrideRankGrid = [2, 3, Number.POSITIVE_INFINITY];

/**
 * The entry the matcher answers at `t`, from a probing run (see `decideAt`), or undefined
 * when it escalates: the same rules as `decide`.
 */
export function answeredAt(probe: FaqMatch, t: Thresholds, evidence: number): string | undefined {
  const best = probe.best;
  // Two questions in one never get one answer, whatever the threshold.
  if (probe.outOfScope || !best || probe.questions !== undefined || probe.withheld !== undefined)
    return undefined;
  if (answers(best.id, probe.confidence ?? 0, best.score >= evidence, probe.learned, t))
    return best.id;
  return overrides(best.id, probe.learned, t.learnedOverride, probe.learnedRank, t.overrideRank, {
    probability: t.rejectingOverride,
    forBest: t.rejectingForBest,
  });
}

/**
 * What the matcher would decide at other thresholds, from one run that never answers,
 * offers every plausible entry of its own with its confidence and records the learned
 * model's opinion (the same rules as `decide`).
 */
export function decideAt(probe: FaqMatch, t: Thresholds, evidence: number): FaqMatch {
  const offers = (probe.offers ?? []).filter(
    (offer) => (offer.confidence ?? 0) >= t.offerThreshold,
  );
  if (probe.outOfScope) return { ...probe, offers: offers.length > 0 ? offers : undefined };
  const answered = answeredAt(probe, t, evidence);
  if (answered !== undefined && answered === probe.best?.id)
    return { ...probe, decision: "answer", reason: "confident", offers: undefined };
  if (answered !== undefined)
    return {
      ...probe,
      decision: "answer",
      reason: "confident",
      best: { id: answered, score: 0, coverage: 0, matchedTerms: [] },
      offers: undefined,
    };
  const kept = mergeOffers(offers, probe.learned, t.learnedOfferThreshold, offerLimit);
  return { ...probe, offers: kept.length > 0 ? kept : undefined };
}

const neverAnswer = { threshold: 2, learnedThreshold: 2, learnedSupport: 0, learnedAlone: 2 };

/**
 * The settings of a probing matcher: it never answers, offers every plausible entry of its
 * own and records the model's opinion and where the words rank the model's entry
 * (`FaqMatch.learnedRank`); `decideAt` then decides at any thresholds.
 */
export const probing: FaqMatcherOptions = {
  offerThreshold: 0,
  threshold: 2,
  taught: neverAnswer,
  untaught: neverAnswer,
  learnedOfferThreshold: 2,
  learnedOverride: 2,
  rejectingOverride: { probability: 2, forBest: 0 },
};

/**
 * The settings under which the shipped matcher decides as `decideAt` does at `t`: the same
 * thresholds for taught and untaught entries (cross-validation chooses one set for all).
 */
export function matcherSettings(t: Thresholds): FaqMatcherOptions {
  const learned = {
    threshold: t.threshold,
    learnedThreshold: t.learnedThreshold,
    learnedSupport: t.learnedSupport,
    learnedAlone: t.learnedAlone,
  };
  return {
    threshold: t.threshold,
    taught: learned,
    untaught: learned,
    offerThreshold: t.offerThreshold,
    learnedOfferThreshold: t.learnedOfferThreshold,
    learnedOverride: t.learnedOverride,
    overrideRank: t.overrideRank,
    rejectingOverride: { probability: t.rejectingOverride, forBest: t.rejectingForBest },
  };
}

/** The probe run of every message, and the score an entry needs to be answered. */
export interface Probes {
  matches: Map<string, FaqMatch>;
  evidence: number;
}

export function metricsAt(probes: Probes, questions: LabelledQuestion[], t: Thresholds) {
  return evaluateMatcher(
    (text) => decideAt(probes.matches.get(text) as FaqMatch, t, probes.evidence),
    questions,
  ).metrics;
}

const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;

/**
 * `metricsAt`'s correct behaviour and wrong answers alone (the same figures, rounded
 * alike), without building the decisions: the threshold search tries thousands.
 */
function answerMetricsAt(
  probed: readonly { probe: FaqMatch; expected: string | null }[],
  t: Thresholds,
  evidence: number,
) {
  let right = 0;
  let wrong = 0;
  for (const { probe, expected } of probed) {
    const answered = answeredAt(probe, t, evidence);
    if (answered === undefined) {
      if (expected === null) right++;
    } else if (answered === expected) right++;
    else wrong++;
  }
  return {
    correct_behaviour: share(right, probed.length),
    wrong_answer_rate: share(wrong, probed.length),
  };
}

/**
 * The answer against the ranking when the model turns the ranking's first down: probability
 * and the most it may give the best. Searched after the other answer thresholds, then those
 * again with it (a joint grid would be 20 times slower); nothing changes when it does not
 * pay.
 */
const rejectingGrid = [0.6, 0.7, 0.75, 0.8, 0.85].flatMap((rejectingOverride) =>
  [0.01, 0.02, 0.05, 0.1].map((rejectingForBest) => ({ rejectingOverride, rejectingForBest })),
);
const rejectingOff = { rejectingOverride: 2, rejectingForBest: 0 };

/** Picks the thresholds that do best on `questions` (see the costs above). */
export function chooseThresholds(probes: Probes, questions: LabelledQuestion[]): Thresholds {
  const never = { offerThreshold: 2, learnedOfferThreshold: 2 };
  let best: Thresholds = {
    threshold: 2,
    learnedThreshold: 2,
    learnedSupport: 0,
    learnedAlone: 2,
    learnedOverride: 2,
    overrideRank: Number.POSITIVE_INFINITY,
    ...rejectingOff,
    ...never,
  };
  let bestScore = -Infinity;
  const probed = questions.map((q) => ({
    probe: probes.matches.get(q.text) as FaqMatch,
    expected: q.expected,
  }));
  const consider = (candidate: Thresholds) => {
    const m = answerMetricsAt(probed, candidate, probes.evidence);
    if (m.wrong_answer_rate > wrongAnswerCeiling) return;
    const score = m.correct_behaviour - wrongAnswerCost * m.wrong_answer_rate;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  };
  const answerSearch = (rejecting: typeof rejectingOff) => {
    for (const threshold of answerGrid)
      for (const learnedThreshold of learnedGrid)
        for (const learnedSupport of supportGrid)
          for (const learnedAlone of aloneGrid)
            for (const learnedOverride of overrideGrid)
              for (const overrideRank of learnedOverride > 1 ? [3] : overrideRankGrid) {
                if (learnedAlone < learnedThreshold) continue;
                consider({
                  threshold,
                  learnedThreshold,
                  learnedSupport,
                  learnedAlone,
                  learnedOverride,
                  overrideRank,
                  ...rejecting,
                  ...never,
                });
              }
  };
  answerSearch(rejectingOff);
  for (const rejecting of rejectingGrid) consider({ ...best, ...rejecting });
  if (best.rejectingOverride <= 1)
    answerSearch({
      rejectingOverride: best.rejectingOverride,
      rejectingForBest: best.rejectingForBest,
    });
  let chosen = best;
  bestScore = -Infinity;
  for (const offerThreshold of offerGrid)
    for (const learnedOfferThreshold of learnedOfferGrid) {
      const candidate = { ...best, offerThreshold, learnedOfferThreshold };
      const m = metricsAt(probes, questions, candidate);
      const score = m.right_entry_answered_or_offered - wrongOfferCost * m.offered_wrong_only;
      if (score > bestScore) [chosen, bestScore] = [candidate, score];
    }
  return chosen;
}

/**
 * Leave-one-set-out cross-validation of the learned classifier and the decision
 * thresholds. For each held-out set, the classifier is trained without it (on the base and
 * the other sets) and the thresholds are chosen on the other sets, each of them read by a
 * classifier trained without it too (so that no message is judged by a model that learnt
 * it); the held-out set is then scored. The final thresholds are chosen on all sets, each
 * read by a classifier trained without it. `examples: null` cross-validates the heuristic
 * matcher alone; `phrasingsOnly` a classifier that learns the entries from the base's own
 * texts only (the `untaught` thresholds). The chosen thresholds apply to every entry.
 */
export function crossValidate(
  entries: readonly FaqEntryInput[],
  sets: readonly QuestionSet[],
  options: FaqMatcherOptions = {},
  phrasingsOnly = false,
  /** Sees every probing run (the held-out sets' indexes and its matches): for replays. */
  recordProbes?: (excluded: number[], sets: number[], probes: Probes) => void,
): { folds: Fold[]; chosen: Thresholds } {
  const learning = options.examples !== null;
  const matchers = new Map<string, FaqMatcher>();
  /** A probing matcher whose classifier learnt every set but the excluded ones. */
  const without = (excluded: number[]): FaqMatcher => {
    const key = learning ? [...new Set(excluded)].sort().join(",") : "";
    let matcher = matchers.get(key);
    if (!matcher) {
      // A message found in an excluded set as well is left out with it. With `phrasingsOnly`
      // the classifier learns "needs a person" alone, as on a base of other ids.
      const unseen = new Set(excluded.flatMap((i) => sets[i]?.questions.map((q) => q.text) ?? []));
      const examples: TrainingExample[] | null = learning
        ? sets
            .filter((_, i) => !excluded.includes(i))
            .flatMap((set) => set.questions.filter((q) => !unseen.has(q.text)))
            .filter((q) => !phrasingsOnly || q.expected === null)
            .map((q) => ({ text: q.text, entry: q.expected }))
        : null;
      matcher = createFaqMatcher(entries, { ...options, examples, ...probing });

      matchers.set(key, matcher);
    }
    return matcher;
  };
  const evidence = answerEvidence(entries.length);
  const probe = (excluded: number[], sets_: number[]): Probes => {
    const matches = new Map<string, FaqMatch>();
    for (const s of sets_)
      for (const question of sets[s]?.questions ?? [])
        if (!matches.has(question.text))
          matches.set(question.text, without([...excluded, s]).match(question.text));
    recordProbes?.(excluded, sets_, { matches, evidence });
    return { matches, evidence };
  };
  const all = sets.map((_, i) => i);
  const folds = sets.map((set, s) => {
    const others = all.filter((i) => i !== s);
    const chosen = chooseThresholds(
      probe([s], others),
      others.flatMap((i) => sets[i]?.questions ?? []),
    );
    return {
      heldOut: set.name,
      ...chosen,
      metrics: metricsAt(probe([], [s]), set.questions, chosen),
    };
  });
  return {
    folds,
    chosen: chooseThresholds(
      probe([], all),
      sets.flatMap((set) => set.questions),
    ),
  };
}
