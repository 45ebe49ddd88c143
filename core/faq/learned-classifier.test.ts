import { describe, expect, it } from "vitest";
import { learnedFeatures, taughtExamples, trainLearnedClassifier } from "./learned-classifier.js";
import { createFaqMatcher, defaultMatcherOptions } from "./matcher.js";
import type { QueryTerm } from "./resolve-terms.js";
import { testEntries } from "./test-entries.js";

/** Terms as the matcher resolves them: each word to one base stem. */
const terms = (...stems: string[]): QueryTerm[] =>
  stems.map((stem) => ({ word: stem, stem, weight: 1, alternatives: [{ stem, similarity: 1 }] }));

describe("learned classifier", () => {
  it("reads resolved stems and neighbouring pairs, unknown words marked", () => {
    const unknown: QueryTerm = { word: "кря", stem: "кря", weight: 1, alternatives: [] };
    expect(learnedFeatures([...terms("отмен", "запис"), unknown])).toEqual([
      "отмен",
      "запис",
      "?кря",
      "отмен запис",
      "запис ?кря",
    ]);
  });

  it("learns entries and 'needs a person' from labelled examples", () => {
    const samples = [
      ...Array.from({ length: 6 }, () => ({ features: ["парол", "забы"], entry: "password" })),
      ...Array.from({ length: 6 }, () => ({ features: ["сертификат"], entry: "certificate" })),
      ...Array.from({ length: 6 }, () => ({ features: ["верн", "деньг"], entry: null })),
    ].map((sample, i) => ({ ...sample, example: i % 2 === 0 }));
    const classifier = trainLearnedClassifier(["password", "certificate"], samples);
    const password = classifier?.opinion(terms("забы", "парол"), "password");
    expect(password?.id).toBe("password");
    expect(password?.probability).toBeGreaterThan(0.8);
    expect(password?.taught).toBe(false); // 3 labelled messages, fewer than needed
    expect(taughtExamples).toBeGreaterThan(3);
    expect(classifier?.opinion(terms("верн", "деньг"), "certificate")).toMatchObject({
      id: null,
      taught: false,
    });
    expect(password?.likely.map((l) => l.id)).toEqual(["password", "certificate"]);
  });

  it("has nothing to learn from one class", () => {
    expect(trainLearnedClassifier(["password"], [{ features: ["x"], entry: "password" }])).toBe(
      undefined,
    );
  });

  const text = "тренер сказал принести бумажку с номером от государства для кружков";
  const examples = [
    ...Array.from({ length: 6 }, (_, i) => ({
      text: `${["тренер", "педагог", "секция"][i % 3]} просит бумажку с номером от государства для кружков`,
      entry: "certificate",
    })),
    // Examples of entries the base does not have are ignored.
    { text: "бумажка с номером от государства", entry: "not-in-this-base" },
  ];

  it("offers a paraphrase it was taught when it names one known word, however sure", () => {
    const plain = createFaqMatcher(testEntries, { examples: [] });
    expect(plain.match(text)).toMatchObject({ decision: "escalate", best: { id: "apply" } });
    const taught = createFaqMatcher(testEntries, { examples });
    const match = taught.match(text);
    // The heuristic ranks "apply" first, the classifier names "certificate" at 99.9%, but
    // "кружков" is the only word the base knows: no answer, and the entry the classifier
    // learnt is the first button.
    expect(match.withheld).toBe("one_word");
    expect(match.learned?.probability).toBeGreaterThan(defaultMatcherOptions.learnedOverride);
    expect(match).toMatchObject({ decision: "escalate", best: { id: "apply" } });
    expect(match.learned?.id).toBe("certificate");
    expect(match.offers?.[0]?.id).toBe("certificate");
  });

  it("answers the entry it was taught against the ranking when very sure", () => {
    const asked = "тренер просит бумажку от государства чтобы записать ребёнка в кружок";
    const examples = Array.from({ length: 6 }, (_, i) => ({
      text: `${["тренер", "педагог", "секция"][i % 3]} просит бумажку с номером от государства для записи в кружок`,
      entry: "certificate",
    }));
    // Both overrides off: the plain one and the one that turns the ranking's first down.
    const never = createFaqMatcher(testEntries, {
      examples,
      learnedOverride: 2,
      rejectingOverride: { probability: 2, forBest: 0 },
    }).match(asked);
    expect(never).toMatchObject({ decision: "escalate", best: { id: "apply" } });
    expect(never.learned).toMatchObject({ id: "certificate", idTaught: true });
    const sure = createFaqMatcher(testEntries, { examples }).match(asked);
    expect(sure).toMatchObject({
      decision: "answer",
      best: { id: "certificate" },
      runnerUp: { id: "apply" },
      confidence: never.learned?.probability,
    });
    // An entry known only by the base's texts (3 examples) is never answered against it.
    const untaught = createFaqMatcher(testEntries, {
      examples: examples.slice(0, 3),
      learnedOverride: 0,
    }).match(asked);
    expect(untaught.learned?.idTaught).toBe(false);
    expect(untaught.decision === "answer" && untaught.best?.id === "certificate").toBe(false);
  });
});
