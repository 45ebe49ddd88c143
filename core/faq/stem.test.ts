import { describe, expect, it } from "vitest";
import { createStemmer } from "./stem.js";
import { ageMention } from "./synonyms.js";
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

describe("verb aspect pairs", () => {
  const stem = createStemmer();

  it("joins imperfective and perfective stems", () => {
    expect(stem("отправлять")).toBe(stem("отправить"));
    expect(stem("оформлять")).toBe(stem("оформить"));
    expect(stem("подавать")).toBe(stem("подать"));
    expect(stem("принимать")).toBe(stem("принять"));
    expect(stem("нажимать")).toBe(stem("нажать"));
  });

  it("maps domain colloquialisms and counts", () => {
    expect(stem("внести")).toBe(stem("добавить"));
    expect(stem("остаток")).toBe(stem("баланс"));
    expect(stem("аннулировать")).toBe(stem("отменить"));
    expect(stem("девочку")).toBe(stem("ребенок"));
    expect(stem("рублей")).toBe(stem("деньги"));
    expect(splitWords("реально посещать четыре секции")).toContain("несколько");
    expect(splitWords("что такое пфдо")).toEqual(["чтотакое", "пфдо"]);
    expect(splitWords("сделали ей серт")).toEqual(["оформить", "сертификат"]);
    expect(splitWords("сделать профиль")).toEqual(["создать", "профиль"]);
  });

  it("completes paradigms the stemmer leaves apart", () => {
    expect(stem("меняют")).toBe(stem("поменять"));
    expect(stem("меня")).not.toBe(stem("поменять"));
    expect(stem("звонила")).toBe(stem("позвонить"));
    expect(stem("дню")).toBe(stem("день"));
    expect(stem("днях")).toBe(stem("день"));
  });

  it("reads HTTP status codes and pasted error pages", () => {
    expect(stem("503")).toBe(stem("сбой"));
    expect(stem("401")).toBe(stem("ошибка"));
    expect(splitWords("ошибка 503 service unavailable")).toEqual(["ошибка", "503"]);
  });

  it("reads a bare number after the child as the age", () => {
    expect(contentStems("сыну 7 можно", stem)).toContain(stem(ageMention));
    expect(contentStems("заявка 3", stem)).not.toContain(stem(ageMention));
  });
});
