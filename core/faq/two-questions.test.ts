import { describe, expect, it } from "vitest";
import { questionParts } from "./two-questions.js";

describe("questionParts", () => {
  it("keeps a message with one question whole", () => {
    expect(questionParts("Записались на танцы, где смотреть расписание?")).toEqual([
      { text: "Записались на танцы, где смотреть расписание", asks: true },
    ]);
  });

  it("splits at question marks and at joiners that add a question", () => {
    const parts = questionParts("Как отменить бронь? И ещё где смотреть остаток сертификата");
    expect(parts.map((part) => [part.text.trim(), part.asks])).toEqual([
      ["Как отменить бронь", true],
      ["где смотреть остаток сертификата", true],
    ]);
  });

  it("drops parts too short to ask anything", () => {
    expect(questionParts("Серьёзно?? Как зарегистрироваться?").map((p) => p.text.trim())).toEqual([
      "Серьёзно",
      "Как зарегистрироваться",
    ]);
    expect(questionParts("а? как войти").map((p) => p.text.trim())).toEqual(["как войти"]);
  });

  it("splits at «и» before a question word, keeping the word with the second question", () => {
    const parts = questionParts("как отменить бронь и где посмотреть остаток на сертификате");
    expect(parts.map((part) => [part.text.trim(), part.asks])).toEqual([
      ["как отменить бронь", false],
      ["где посмотреть остаток на сертификате", true],
    ]);
  });
});
