import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance.js";
import { createFuzzyVocabulary } from "./fuzzy-vocabulary.js";

describe("typo tolerance", () => {
  it("counts edits, transpositions as one", () => {
    expect(editDistance("пароль", "пороль", 2)).toBe(1);
    expect(editDistance("заявка", "заявак", 2)).toBe(1);
    expect(editDistance("сертификат", "сиртефикат", 2)).toBe(2);
    expect(editDistance("кружок", "бронь", 2)).toBe(3);
  });

  it("finds the nearest vocabulary words", () => {
    const vocabulary = createFuzzyVocabulary(["пароль", "заявка", "сертификат", "почта"]);
    expect(vocabulary.has("пароль")).toBe(true);
    expect(vocabulary.nearest("пороль", 1)).toEqual([{ word: "пароль", distance: 1 }]);
    expect(vocabulary.nearest("заяка", 1)).toEqual([{ word: "заявка", distance: 1 }]);
    expect(vocabulary.nearest("кружок", 2)).toEqual([]);
  });
});
