import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import nspell from "nspell";
import { describe, expect, test } from "vitest";
import { createSuffixSpeller, SpellerError } from "./suffix-speller.js";

const folder = dirname(createRequire(import.meta.url).resolve("dictionary-ru"));
const aff = readFileSync(join(folder, "index.aff"));
const dicLines = readFileSync(join(folder, "index.dic"), "utf8").split("\n").slice(1);

/** Stems of the words agents and parents write most, and the two largest groups ("при", "про"). */
const prefixes = ["при", "про", "заяв", "серт", "увед", "зарег", "ребён", "подтв", "запис"];
const sample = dicLines.filter((line) => prefixes.some((p) => line.startsWith(p)));
const sampleDic = `${sample.length}\n${sample.join("\n")}`;

/** Every form nspell generates from the sample: the keys of its word table. */
function nspellForms(): { correct(word: string): boolean; forms: string[] } {
  const full = nspell(aff, sampleDic) as unknown as {
    correct(word: string): boolean;
    data: Record<string, unknown>;
  };
  return { correct: (word) => full.correct(word), forms: Object.keys(full.data) };
}

describe("the suffix speller (dictionary-ru)", () => {
  const reference = nspellForms();
  const speller = createSuffixSpeller(aff, sampleDic);

  test("knows every form nspell generates, and no lower-case word nspell does not", () => {
    expect(sample.length).toBeGreaterThan(1_000);
    expect(reference.forms.length).toBeGreaterThan(20_000);
    const missed = reference.forms.filter((form) => !speller.correct(form));
    expect(missed).toEqual([]);
    // Each lower-case form changed by one letter (substituted, dropped, added, swapped):
    // mostly non-words, some other forms.
    const letters = "аеёиоуыяюэьънкстрвлдмпзгбжшщчцхфй";
    const variants = new Set<string>();
    reference.forms
      .filter((form) => /^[а-яё]+$/.test(form))
      .forEach((form, i) => {
        const at = i % form.length;
        const letter = letters.charAt(i % letters.length);
        const [head, tail] = [form.slice(0, at), form.slice(at)];
        const edits = [
          head + letter + tail.slice(1),
          head + tail.slice(1),
          head + letter + tail,
          head + tail.charAt(1) + tail.charAt(0) + tail.slice(2),
        ];
        variants.add(edits[i % edits.length] ?? form);
      });
    const differ = [...variants].filter((w) => speller.correct(w) !== reference.correct(w));
    expect(differ).toEqual([]);
    expect([...variants].filter((w) => speller.correct(w)).length).toBeGreaterThan(1_000);
  }, 60_000);

  test("the whole dictionary: real words, typos, and words with ё", () => {
    const whole = createSuffixSpeller(aff, `${dicLines.length}\n${dicLines.join("\n")}`);
    expect(whole.stems).toBeGreaterThan(140_000);
    // Irregular forms start with other letters than their stem ("будет" from "быть"): the
    // speller loaded by first letters that this one replaced took them for typos.
    const words = ["заявка", "заявок", "принята", "зарегистрироваться", "ребёнок", "кружки"];
    for (const word of [...words, "будет", "может", "могут", "дайте", "дадут", "ведёт"])
      expect(whole.correct(word), word).toBe(true);
    for (const word of ["заевка", "принета", "зарегестрироваться", "сертефикат", ""])
      expect(whole.correct(word), word).toBe(false);
  }, 30_000);

  test("an affix file with prefix rules is refused, with a code", () => {
    const prefixed = "SET UTF-8\n\nPFX A Y 1\nPFX A 0 не .\n";
    expect(() => createSuffixSpeller(prefixed, "1\nслово/A")).toThrow(SpellerError);
  });
});
