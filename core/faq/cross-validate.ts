import { evaluateMatcher, type FaqMetrics, type LabelledQuestion } from "./evaluate.js";
import type { FaqEntryInput, FaqMatch } from "./faq-types.js";
import { answerEvidence, createFaqMatcher, type FaqMatcherOptions } from "./matcher.js";

/** A named set of labelled messages. */
export interface QuestionSet {
  name: string;
  questions: LabelledQuestion[];
}

/** The two decision thresholds that cross-validation chooses. */
export interface Thresholds {
  threshold: number;
  offerThreshold: number;
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
const answerGrid = grid(0.4, 0.9, 0.05);
const offerGrid = grid(0.05, 0.4, 0.05);

/**
 * What the matcher would decide at other thresholds, from one run that never answers and
 * offers every plausible entry with its own confidence (the same rule as `decide`).
 */
function decideAt(probe: FaqMatch, t: Thresholds, evidence: number): FaqMatch {
  const offers = probe.offers ?? [];
  const first = offers[0];
  // Two questions in one never get one answer, whatever the threshold.
  const single =
    probe.questions === undefined &&
    probe.withheld === undefined &&
    (probe.offers?.[0]?.score ?? 0) >= evidence;
  if (
    single &&
    first &&
    probe.best &&
    first.id === probe.best.id &&
    (first.confidence ?? 0) >= t.threshold
  )
    return { ...probe, decision: "answer", reason: "confident", offers: undefined };
  const kept = offers.filter((offer) => (offer.confidence ?? 0) >= t.offerThreshold);
  return { ...probe, offers: kept.length > 0 ? kept : undefined };
}

/** The probe run of every message, and the score an entry needs to be answered. */
interface Probes {
  matches: Map<string, FaqMatch>;
  evidence: number;
}

function metricsAt(probes: Probes, questions: LabelledQuestion[], t: Thresholds) {
  return evaluateMatcher(
    (text) => decideAt(probes.matches.get(text) as FaqMatch, t, probes.evidence),
    questions,
  ).metrics;
}

/** Picks the thresholds that do best on `questions` (see the costs above). */
function choose(probes: Probes, questions: LabelledQuestion[]): Thresholds {
  let threshold = answerGrid[answerGrid.length - 1] ?? 0.9;
  let bestScore = -Infinity;
  for (const candidate of answerGrid) {
    const m = metricsAt(probes, questions, { threshold: candidate, offerThreshold: 1 });
    if (m.wrong_answer_rate > wrongAnswerCeiling) continue;
    const score = m.correct_behaviour - wrongAnswerCost * m.wrong_answer_rate;
    if (score > bestScore) [threshold, bestScore] = [candidate, score];
  }
  let offerThreshold = offerGrid[offerGrid.length - 1] ?? 0.4;
  bestScore = -Infinity;
  for (const candidate of offerGrid) {
    const m = metricsAt(probes, questions, { threshold, offerThreshold: candidate });
    const score = m.right_entry_answered_or_offered - wrongOfferCost * m.offered_wrong_only;
    if (score > bestScore) [offerThreshold, bestScore] = [candidate, score];
  }
  return { threshold, offerThreshold };
}

/**
 * Leave-one-set-out cross-validation of the decision thresholds: for each set, the
 * thresholds are chosen on all the other sets together and the held-out set is scored with
 * them. The final thresholds are chosen on all sets; the folds show how far they move.
 */
export function crossValidate(
  entries: readonly FaqEntryInput[],
  sets: readonly QuestionSet[],
  options: FaqMatcherOptions = {},
): { folds: Fold[]; chosen: Thresholds } {
  const matcher = createFaqMatcher(entries, { ...options, threshold: 2, offerThreshold: 0 });
  const matches = new Map<string, FaqMatch>();
  for (const set of sets)
    for (const question of set.questions)
      if (!matches.has(question.text)) matches.set(question.text, matcher.match(question.text));
  const probes = { matches, evidence: answerEvidence(entries.length) };
  const folds = sets.map((set) => {
    const rest = sets.filter((other) => other !== set).flatMap((other) => other.questions);
    const chosen = choose(probes, rest);
    return { heldOut: set.name, ...chosen, metrics: metricsAt(probes, set.questions, chosen) };
  });
  return {
    folds,
    chosen: choose(
      probes,
      sets.flatMap((set) => set.questions),
    ),
  };
}
