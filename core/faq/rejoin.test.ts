import { describe, expect, it } from "vitest";
import { rejoinWords, type Vocabulary } from "./rejoin.js";
import { createStemmer } from "./stem.js";
import { tokenize } from "./tokenize.js";

describe("rejoinWords", () => {
  const stem = createStemmer();
  const words = ["пароль", "восстановить", "сертификат", "госуслугах", "кружок", "почта"];
  words.push("личный", "кабинет", "приходит", "забыла");
  const stems = new Set(words.map(stem));
  const vocabulary: Vocabulary = {
    knows: (word, wordStem) => stems.has(wordStem) || words.includes(word),
    hasWord: (word) => words.includes(word),
  };
  const repair = (text: string) =>
    rejoinWords(tokenize(text, stem), vocabulary, stem).map((token) => token.word);

  it("joins pieces of a word that voice input split", () => {
    expect(repair("восста новить паро ль")).toEqual(["восстановить", "пароль"]);
    expect(repair("как получить сертифи кат")).toEqual(["как", "получить", "сертификат"]);
  });

  it("joins a verb prefix that voice input wrote as a preposition", () => {
    expect(repair("не при ходит")).toEqual(["не", "приходит"]);
    expect(repair("по чта")).toEqual(["по", "чта"]);
    expect(repair("про пароль")).toEqual(["про", "пароль"]);
  });

  it("gives a cut-off ending back to its word", () => {
    expect(repair("через госуслуг ах")).toEqual(["через", "госуслугах"]);
  });

  it("joins to a stem of the base even when the word itself is new", () => {
    expect(repair("заб ыла")).toEqual(["забыла"]);
    expect(repair("забы вала")).toEqual(["забывала"]);
  });

  it("leaves known words, function words and word-start rules alone", () => {
    expect(repair("сертификат пароль")).toEqual(["сертификат", "пароль"]);
    expect(repair("по чта")).toEqual(["по", "чта"]);
    expect(repair("кружок вечерами")).toEqual(["кружок", "вечерами"]);
  });

  it("splits an unknown word glued from two known ones or from «не»", () => {
    expect(repair("личныйкабинет")).toEqual(["личный", "кабинет"]);
    expect(repair("неприходит")).toEqual(["не", "приходит"]);
    expect(repair("вкабинет")).toEqual(["вкабинет"]);
  });
});
