import { describe, expect, it } from "vitest";
import { evaluateMatcher, parseQuestionsJsonl } from "./evaluate.js";
import { FaqError } from "./faq-error.js";
import type { FaqMatch } from "./faq-types.js";

const answer = (id: string): FaqMatch => ({
  decision: "answer",
  reason: "confident",
  best: { id, score: 1, coverage: 1, matchedTerms: [] },
  normalized: "",
});
const escalate: FaqMatch = { decision: "escalate", reason: "low_confidence", normalized: "" };

describe("evaluateMatcher", () => {
  it("computes the faq-bench metrics", () => {
    const decisions: Record<string, FaqMatch> = {
      right: answer("a"),
      wrong: answer("b"),
      missed: escalate,
      "null-ok": escalate,
      "null-answered": answer("a"),
    };
    const { metrics, misses } = evaluateMatcher(
      (text) => decisions[text] ?? escalate,
      [
        { text: "right", expected: "a" },
        { text: "wrong", expected: "a" },
        { text: "missed", expected: "a" },
        { text: "null-ok", expected: null },
        { text: "null-answered", expected: null },
      ],
    );
    expect(metrics).toMatchObject({
      correct_behaviour: 0.4,
      top1_on_answerable: 0.333,
      null_escalated: 0.5,
      wrong_answer_rate: 0.4,
      total: 5,
    });
    expect(metrics.ms_per_question).toBeGreaterThanOrEqual(0);
    expect(misses.map((m) => m.text)).toEqual(["wrong", "missed", "null-answered"]);
  });

  it("counts the right entry among the offered likely answers", () => {
    const offering = (...ids: string[]): FaqMatch => ({
      ...escalate,
      offers: ids.map((id) => ({ id, score: 1, coverage: 1, matchedTerms: [] })),
    });
    const decisions: Record<string, FaqMatch> = {
      answered: answer("a"),
      offered: offering("b", "a"),
      "offered-wrong": offering("b", "c"),
      nothing: escalate,
      "null-offered": offering("a"),
    };
    const { metrics } = evaluateMatcher(
      (text) => decisions[text] ?? escalate,
      [
        { text: "answered", expected: "a" },
        { text: "offered", expected: "a" },
        { text: "offered-wrong", expected: "a" },
        { text: "nothing", expected: "a" },
        { text: "null-offered", expected: null },
      ],
    );
    expect(metrics).toMatchObject({
      correct_behaviour: 0.4,
      right_entry_answered_or_offered: 0.5,
      offered_wrong_only: 0.25,
    });
  });

  it("parses JSONL and names bad lines", () => {
    expect(
      parseQuestionsJsonl('{"text":"a","expected":null}\n\n{"text":"b","expected":"x"}\n'),
    ).toHaveLength(2);
    expect(() => parseQuestionsJsonl('{"text":"a"}\nnot json')).toThrow(FaqError);
  });
});
