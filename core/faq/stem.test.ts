import { describe, expect, it } from "vitest";
import { createStemmer } from "./stem.js";
import { contentStems, splitWords } from "./tokenize.js";

describe("stemming and synonyms", () => {
  const stem = createStemmer();

  it("gives inflected forms one stem", () => {
    expect(stem("сертификата")).toBe(stem("сертификатом"));
    expect(stem("заявку")).toBe(stem("заявки"));
  });

  it("lets both verb aspects meet", () => {
    expect(stem("получать")).toBe(stem("получить"));
    expect(stem("сохранять")).toBe(stem("сохранить"));
  });

  it("maps colloquial forms to the same stem", () => {
    expect(stem("зарегаться")).toBe(stem("регистрация"));
    expect(stem("сыну")).toBe(stem("ребенка"));
    expect(stem("дочка")).toBe(stem("ребенок"));
    expect(stem("есиа")).toBe(stem("госуслуги"));
    expect(stem("мыло")).toBe(stem("почта"));
    expect(stem("секцию")).toBe(stem("кружок"));
    expect(stem("запись")).toBe(stem("записаться"));
  });

  it("joins multi-word names before splitting", () => {
    expect(splitWords("вход через гос услуги")).toEqual(["вход", "через", "госуслуги"]);
    expect(splitWords("запись на мастер класс")).toEqual(["запись", "на", "мастеркласс"]);
  });

  it("drops stop words and greetings from the content", () => {
    expect(contentStems("здравствуйте подскажите пожалуйста как найти кружок", stem)).toEqual([
      stem("найти"),
      stem("кружок"),
    ]);
  });
});
