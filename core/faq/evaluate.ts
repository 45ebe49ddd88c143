import { z } from "zod";
import { FaqError, type KbIssue } from "./faq-error.js";
import type { FaqMatch } from "./faq-types.js";

/** One benchmark message: the entry it should get, or null when a person should answer. */
export interface LabelledQuestion {
  text: string;
  expected: string | null;
}

/** The faq-bench metrics (see shared/faq-bench/README.md), rounded to three decimals. */
export interface FaqMetrics {
  correct_behaviour: number;
  top1_on_answerable: number;
  null_escalated: number;
  wrong_answer_rate: number;
  ms_per_question: number;
  total: number;
  /** Answerable messages whose right entry was answered or among the offered likely ones. */
  right_entry_answered_or_offered: number;
  /** Answerable messages offered likely answers, none of them the right one. */
  offered_wrong_only: number;
}

/** A message the matcher got wrong, for tuning reports. */
export interface EvaluationMiss {
  text: string;
  expected: string | null;
  match: FaqMatch;
}

const questionSchema = z.object({ text: z.string(), expected: z.string().min(1).nullable() });

/** Parses a JSONL questions file; throws FaqError naming the bad line numbers. */
export function parseQuestionsJsonl(source: string): LabelledQuestion[] {
  const questions: LabelledQuestion[] = [];
  const issues: KbIssue[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      issues.push({ entry: `line ${i + 1}`, field: "(json)", message: "not valid JSON" });
      return;
    }
    const parsed = questionSchema.safeParse(value);
    if (parsed.success) questions.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({
          entry: `line ${i + 1}`,
          field: issue.path.join("."),
          message: issue.message,
        });
  });
  if (issues.length > 0)
    throw new FaqError(
      "QUESTIONS_INVALID",
      `The questions file has ${issues.length} problem(s).`,
      issues,
    );
  return questions;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const share = (part: number, whole: number) => (whole === 0 ? 0 : round(part / whole));

/**
 * Runs every question through `match` and computes the benchmark metrics. A message
 * counts as answered only when the decision is "answer"; the answered entry is `best`.
 */
export function evaluateMatcher(
  match: (text: string) => FaqMatch,
  questions: readonly LabelledQuestion[],
): { metrics: FaqMetrics; misses: EvaluationMiss[] } {
  let rightAnswers = 0;
  let nullsEscalated = 0;
  let wrongAnswers = 0;
  let answerable = 0;
  let answeredOrOffered = 0;
  let offeredWrongOnly = 0;
  const misses: EvaluationMiss[] = [];
  const started = process.hrtime.bigint();
  const results = questions.map((question) => match(question.text));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  questions.forEach((question, i) => {
    const result = results[i];
    if (!result) return;
    const answered = result.decision === "answer" ? result.best?.id : undefined;
    if (question.expected !== null) {
      answerable += 1;
      const offered = (result.offers ?? []).map((offer) => offer.id);
      if (answered === question.expected || offered.includes(question.expected))
        answeredOrOffered += 1;
      else if (answered === undefined && offered.length > 0) offeredWrongOnly += 1;
    }
    if (question.expected === null && answered === undefined) nullsEscalated += 1;
    else if (answered !== undefined && answered === question.expected) rightAnswers += 1;
    else {
      if (answered !== undefined) wrongAnswers += 1;
      misses.push({ text: question.text, expected: question.expected, match: result });
    }
  });
  const total = questions.length;
  return {
    metrics: {
      correct_behaviour: share(rightAnswers + nullsEscalated, total),
      top1_on_answerable: share(rightAnswers, answerable),
      null_escalated: share(nullsEscalated, total - answerable),
      wrong_answer_rate: share(wrongAnswers, total),
      ms_per_question: total === 0 ? 0 : Math.round((elapsedMs / total) * 10000) / 10000,
      total,
      right_entry_answered_or_offered: share(answeredOrOffered, answerable),
      offered_wrong_only: share(offeredWrongOnly, answerable),
    },
    misses,
  };
}
