import { describe, expect, test } from "vitest";
import { aggressionPhrases } from "../lists/aggression-phrases.js";
import { compilePhrase, mayOccur, requiredWords } from "./phrase-pattern.js";

describe("words a phrase needs", () => {
  test("plain words and groups that are not optional; optional parts need nothing", () => {
    expect(requiredWords("не (?:тупите|тупи)")).toEqual([["тупите", "тупи"], ["не"]]);
    expect(requiredWords("не морочьте? (?:мне |нам )?голову")).toEqual([["морочьт"], ["не"]]);
    expect(requiredWords("(?:вы|ты) (?:что |че )?издева(?:етесь|ешься)")).toEqual([["вы", "ты"]]);
    expect(requiredWords("(?:это )?(?:же )?элементарно(?: же)?")).toEqual([]);
    // Two phrases at the top level: neither's words are needed.
    expect(requiredWords("вон отсюда|проваливайте")).toEqual([]);
  });

  test("a phrase that matches always passes the test first", () => {
    const samples = [
      "Вы что, читать не умеете?",
      "не   морочьте нам голову",
      "Вы что издеваетесь?",
      "это же элементарно.",
      "Не тупи!",
    ];
    const matched = new Set<string>();
    for (const spec of aggressionPhrases) {
      const pattern = compilePhrase(spec);
      for (const sample of samples) {
        const folded = sample.toLowerCase();
        pattern.lastIndex = 0;
        if (!pattern.test(folded)) continue;
        matched.add(sample);
        expect(mayOccur(requiredWords(spec.phrase), folded), spec.phrase).toBe(true);
      }
    }
    expect([...matched].sort()).toEqual([...samples].sort());
  });

  test("a reply of one common word repeated skips the phrases that need more", () => {
    const needs = requiredWords("не (?:ваше|твое) (?:дело|собачье дело)");
    expect(mayOccur(needs, "не ".repeat(5000))).toBe(false);
    expect(mayOccur(needs, "это не ваше дело")).toBe(true);
  });
});
