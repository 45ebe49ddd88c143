import { describe, expect, it } from "vitest";
import { buildCharNgramIndex, createNgramScorer, textGrams } from "./char-ngrams.js";

describe("character n-gram view", () => {
  const index = buildCharNgramIndex([
    [
      ["восстановить", "пароль"],
      ["забыла", "пароль"],
    ],
    [["получить", "сертификат"]],
    [["забронировать", "экскурсию"]],
  ]);
  const score = createNgramScorer(index);

  it("takes n-grams inside word boundaries", () => {
    const grams = textGrams(["кот"]);
    expect([...grams.keys()].sort()).toEqual(["_ко", "_кот", "кот", "кот_", "от_"].sort());
    expect(textGrams(["я"]).size).toBe(0);
  });

  it("gives a text's own words a cosine of one and unrelated words none", () => {
    const [password, certificate] = score(["забыла", "пароль"], [0, 1]);
    expect(password).toBeCloseTo(1, 5);
    expect(certificate).toBe(0);
  });

  it("keeps most of the similarity through typos and broken words", () => {
    const [password, certificate, booking] = score(["вастоновить", "паро", "ль"], [0, 1, 2]);
    expect(password).toBeGreaterThan(0.3);
    expect(password).toBeGreaterThan(certificate ?? 0);
    expect(password).toBeGreaterThan(booking ?? 0);
  });

  it("scores only the entries asked about, and a message without n-grams as zero", () => {
    expect(score(["сертефикат"], [1])).toHaveLength(1);
    expect(score([], [0, 1])).toEqual([0, 0]);
  });
});
