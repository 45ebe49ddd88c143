import { describe, expect, test } from "vitest";
import type { SpellingDictionary } from "../language/index.js";
import { findMisspellings } from "./find-misspellings.js";
import { createLiteracyCheck } from "./literacy-check.js";

const check = createLiteracyCheck();

describe("the literacy hint (dictionary-ru)", () => {
  test("obvious typos are named as written, each once", () => {
    expect(check("здраствуйте, ваша заевка принета")).toEqual(["здраствуйте", "заевка", "принета"]);
    expect(check("заевка принята, заевка в работе")).toEqual(["заевка"]);
    // Written with ё where the dictionary has е, and the other way round.
    expect(check("родитель уведомлён, ребёнок зачислен, пришлите скриншот")).toEqual([]);
  });

  test("a correct reply gets no hint", () => {
    expect(
      check(
        "Здравствуйте! Ваша заявка принята, сертификат дополнительного образования подтверждён. " +
          "Подскажите, пожалуйста, удобно ли вам записаться в секцию на портале Навигатор?",
      ),
    ).toEqual([]);
  });

  test("names, capitals, Latin, numbers, links, quotes and short words are not looked up", () => {
    expect(
      check(
        "Ивaнова Снежана, Кванториум ждёт: https://р66.навигатор.дети/program/zaevka, " +
          "«Робокласс Заевка», e-mail ok, 5мб, ПФДО, кот",
      ),
    ).toEqual([]);
  });

  test("the knowledge base's and the operator's words are known", () => {
    expect(check("модерацию прошла, войдите через госуслуги")).toEqual([]);
    expect(check("программа кванториума")).toEqual(["кванториума"]);
    expect(createLiteracyCheck({ knownWords: ["Кванториума"] })("программа кванториума")).toEqual(
      [],
    );
  });

  test("at most three words, and a long reply costs a bounded number of look-ups", () => {
    let lookups = 0;
    const nothingIsAWord: SpellingDictionary = {
      isWord: () => {
        lookups += 1;
        return false;
      },
    };
    const words = Array.from({ length: 5000 }, (_, i) => `слово${"абвгдежзиклмнопрст"[i % 18]}`);
    expect(findMisspellings(words.join(" "), { dictionary: nothingIsAWord })).toHaveLength(3);
    expect(lookups).toBe(3);
    lookups = 0;
    const isAWord: SpellingDictionary = {
      isWord: () => {
        lookups += 1;
        return true;
      },
    };
    // 5,000 different plain Russian words: "словоа", "словоб", …, "словобаа", …
    const letters = "абвгдежзик";
    const distinct = Array.from(
      { length: 5000 },
      (_, i) => `слово${[...String(i)].map((d) => letters[Number(d)]).join("")}`,
    );
    expect(findMisspellings(distinct.join(" "), { dictionary: isAWord })).toEqual([]);
    expect(lookups).toBe(40);
  });
});
