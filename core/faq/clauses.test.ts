import { describe, expect, it } from "vitest";
import { splitClauses } from "./clauses.js";
import { createFaqMatcher } from "./matcher.js";
import { testEntries } from "./test-entries.js";

describe("splitClauses", () => {
  it("splits on punctuation and contrastive conjunctions and marks the asking clauses", () => {
    const clauses = splitClauses(
      "Сын ходит на плавание, но тренер уехал. Как записаться на танцы?",
    );
    expect(clauses.map((c) => [c.text.trim(), c.question])).toEqual([
      ["Сын ходит на плавание", false],
      ["тренер уехал", false],
      ["Как записаться на танцы", true],
    ]);
  });

  it("recognises question words without a question mark", () => {
    expect(splitClauses("подскажите куда жать")[0]?.question).toBe(true);
    expect(splitClauses("что такое бронь")[0]?.question).toBe(true);
    expect(splitClauses("что приложить к заявлению")[0]?.question).toBe(true);
    expect(splitClauses("пишет что заявка принята")[0]?.question).toBe(false);
  });

  it("notices an asking clause that points back with a pronoun", () => {
    const clauses = splitClauses("Пароль я уже поменяла, а как его теперь ввести?");
    expect(clauses.some((c) => c.refersBack)).toBe(true);
    expect(
      splitClauses("Зашла в кабинет, как туда добавить дочку?").some((c) => c.refersBack),
    ).toBe(false);
  });
});

describe("context clauses in matching", () => {
  const matcher = createFaqMatcher(testEntries);

  it("weighs the words of the asking clause above the story before it", () => {
    const terms = matcher.explain(
      "Сайт вчера не открывался, сегодня открылся, как теперь подать заявку на секцию?",
    ).terms;
    const weight = (word: string) => terms.find((t) => t.word === word)?.weight ?? 0;
    const full = matcher.explain("подать заявку на секцию").terms;
    expect(weight("заявку")).toBeCloseTo(full.find((t) => t.word === "заявку")?.weight ?? 0);
    expect(terms.find((t) => t.word === "сайт")?.alternatives[0]?.similarity).toBeLessThan(1);
    expect(
      matcher.match("Сайт вчера не открывался, как теперь подать заявку на секцию?").best?.id,
    ).toBe("apply");
  });
});
