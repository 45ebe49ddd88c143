import { describe, expect, it } from "vitest";
import type { LearnedOpinion } from "./faq-types.js";
import { answers, mergeOffers, overrides } from "./learned-decision.js";

const t = { threshold: 0.85, learnedThreshold: 0.5, learnedSupport: 0.1, learnedAlone: 0.8 };
const opinion = (id: string | null, probability: number, forBest: number): LearnedOpinion => ({
  id,
  probability,
  forBest,
  taught: true,
  idTaught: true,
  likely: [],
});

describe("learned decision", () => {
  it("answers when the classifier agrees and is sure, surer without evidence", () => {
    expect(answers("a", 0.2, true, opinion("a", 0.6, 0.6), t)).toBe(true);
    expect(answers("a", 0.2, true, opinion("a", 0.4, 0.4), t)).toBe(false);
    expect(answers("a", 0.2, false, opinion("a", 0.6, 0.6), t)).toBe(false);
    expect(answers("a", 0.2, false, opinion("a", 0.9, 0.9), t)).toBe(true);
  });

  it("lets a sure heuristic answer unless the classifier rules the entry out", () => {
    expect(answers("a", 0.9, true, opinion(null, 0.7, 0.2), t)).toBe(true);
    expect(answers("a", 0.9, true, opinion("b", 0.9, 0.05), t)).toBe(false);
    expect(answers("a", 0.9, false, opinion(null, 0.7, 0.2), t)).toBe(false);
    expect(answers("a", 0.9, true, undefined, t)).toBe(true);
  });

  it("answers another entry only when very sure of a taught one, never a person's case", () => {
    expect(overrides("a", opinion("b", 0.95, 0.01), 0.9, 2, 3)).toBe("b");
    expect(overrides("a", opinion("b", 0.85, 0.01), 0.9, 2, 3)).toBeUndefined();
    expect(overrides("a", opinion("a", 0.95, 0.95), 0.9, 2, 3)).toBeUndefined();
    expect(overrides("a", opinion(null, 0.99, 0.01), 0.9, 2, 3)).toBeUndefined();
    expect(
      overrides("a", { ...opinion("b", 0.99, 0.01), idTaught: false }, 0.9, 2, 3),
    ).toBeUndefined();
    expect(overrides("a", opinion("b", 0.99, 0.01), 2, 2, 3)).toBeUndefined();
    expect(overrides("a", undefined, 0.9, 2, 3)).toBeUndefined();
  });

  it("answers another entry from a lower probability when it turns the ranking's first down", () => {
    const rejecting = { probability: 0.7, forBest: 0.05 };
    expect(overrides("a", opinion("b", 0.75, 0.02), 0.9, 2, 3, rejecting)).toBe("b");
    expect(overrides("a", opinion("b", 0.75, 0.2), 0.9, 2, 3, rejecting)).toBeUndefined();
    expect(overrides("a", opinion("b", 0.65, 0.02), 0.9, 2, 3, rejecting)).toBeUndefined();
    expect(overrides("a", opinion(null, 0.75, 0.02), 0.9, 2, 3, rejecting)).toBeUndefined();
    expect(overrides("a", opinion("b", 0.75, 0.02), 0.9, 4, 3, rejecting)).toBeUndefined();
    expect(
      overrides("a", { ...opinion("b", 0.75, 0.02), idTaught: false }, 0.9, 2, 3, rejecting),
    ).toBeUndefined();
  });

  it("answers another entry only where the words rank it within the guard", () => {
    const sure = opinion("b", 0.99, 0.01);
    expect(overrides("a", sure, 0.9, 3, 3)).toBe("b");
    expect(overrides("a", sure, 0.9, 4, 3)).toBeUndefined();
    expect(overrides("a", sure, 0.9, 3, 2)).toBeUndefined();
    expect(overrides("a", sure, 0.9, 4, Number.POSITIVE_INFINITY)).toBe("b");
    // Withheld (an organisation asking a parents' entry): never, whatever the guard.
    expect(overrides("a", sure, 0.9, undefined, Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it("offers entries both propose first, then each by its own probability", () => {
    const offer = (id: string, confidence: number) => ({
      id,
      score: 1,
      coverage: 1,
      matchedTerms: [],
      confidence,
    });
    const learned = {
      ...opinion("c", 0.5, 0.1),
      likely: [
        { id: "c", probability: 0.5 },
        { id: "b", probability: 0.3 },
        { id: "d", probability: 0.01 },
      ],
    };
    const merged = mergeOffers([offer("a", 0.6), offer("b", 0.2)], learned, 0.05, 3);
    expect(merged.map((o) => [o.id, o.confidence])).toEqual([
      ["b", 0.3],
      ["a", 0.6],
      ["c", 0.5],
    ]);
    expect(mergeOffers([offer("a", 0.6)], undefined, 0.05, 3).map((o) => o.id)).toEqual(["a"]);
  });
});
