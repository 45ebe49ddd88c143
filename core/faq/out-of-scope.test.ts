import { describe, expect, it } from "vitest";
import { createFaqMatcher } from "./matcher.js";
import { looksLikeGibberish } from "./out-of-scope.js";
import { testEntries } from "./test-entries.js";

describe("out-of-scope detection", () => {
  const matcher = createFaqMatcher(testEntries);
  const kind = (text: string) => {
    const match = matcher.match(text);
    expect(match.decision).toBe("escalate");
    return match.outOfScope;
  };

  it("recognises greetings only", () => {
    expect(kind("Здравствуйте!")).toBe("greeting");
    expect(kind("добрый вечер")).toBe("greeting");
    expect(kind("ghbdtn")).toBe("greeting");
  });

  it("recognises thanks and acknowledgements", () => {
    expect(kind("Спасибо большое!")).toBe("thanks");
    expect(kind("ок, понятно")).toBe("thanks");
    expect(kind("👍")).toBe("thanks");
  });

  it("recognises gibberish", () => {
    expect(kind("ывапролд")).toBe("gibberish");
    expect(kind("ззззз")).toBe("gibberish");
    expect(kind("???")).toBe("gibberish");
    expect(kind("12")).toBe("gibberish");
    expect(looksLikeGibberish("пароль")).toBe(false);
  });

  it("recognises links and spam", () => {
    expect(kind("смотри https://example.com/x")).toBe("spam");
    expect(kind("Заработок от 5000 в день без вложений, пиши")).toBe("spam");
  });

  it("reads a class's person failing the parent as a complaint, money not given back as a case", () => {
    expect(kind("тренер по футболу постоянно отменяет тренировки")).toBe("complaint");
    expect(kind("педагог не отвечает на звонки вторую неделю")).toBe("complaint");
    expect(kind("кружок закрыли, а деньги не вернули на сертификат")).toBe("case_specific");
  });

  it("recognises requests for a person", () => {
    expect(kind("позовите оператора")).toBe("human_request");
    expect(kind("можно с живым человеком поговорить?")).toBe("human_request");
    expect(kind("соедините со специалистом")).toBe("human_request");
  });

  it("recognises complaints", () => {
    expect(kind("Хочу пожаловаться на педагога, он грубит детям")).toBe("complaint");
    expect(kind("Безобразие, верните деньги за занятия")).toBe("complaint");
  });

  it("recognises case-specific messages", () => {
    expect(kind("заявка № 88213 не двигается")).toBe("case_specific");
    expect(kind("сертификат 5200012345 не работает")).toBe("case_specific");
    expect(kind("мою почту anna@example.org смените на другую")).toBe("case_specific");
    expect(kind("Удалите моего ребенка из кабинета")).toBe("case_specific");
  });

  it("recognises requests for opinions about a class or a teacher", () => {
    expect(kind("Посоветуйте хорошую студию рисования, кто ходил?")).toBe("case_specific");
    expect(kind("отзывы о тренере по боксу есть?")).toBe("case_specific");
  });

  it("recognises disputes and incidents", () => {
    expect(kind("С нас берут деньги за форму, это законно?")).toBe("complaint");
    expect(kind("у дочки исчезла заявка из кабинета")).toBe("case_specific");
    expect(kind("исправьте, я указала не ту дату рождения")).toBe("case_specific");
  });

  it("does not take a named mail service for a link", () => {
    const match = matcher.match("восстановить пароль, адрес на gmail.com");
    expect(match.outOfScope).toBeUndefined();
  });

  it("recognises a named person in any case and the number of one application", () => {
    expect(kind("поменяйте у Петровой Ольги дату рождения")).toBe("case_specific");
    expect(kind("что с заявкой 4455 на танцы")).toBe("case_specific");
    expect(kind("договор 20931 не подписывается")).toBe("case_specific");
  });

  it("reads a request about «our» data as case-specific", () => {
    expect(kind("проверьте, мы ничего не бронировали")).toBe("case_specific");
  });

  it("closes on thanks with at most one more word", () => {
    expect(kind("спс, дальше разберусь")).toBe("thanks");
    expect(matcher.match("спасибо, а как восстановить пароль?").outOfScope).toBeUndefined();
  });

  it("reports an empty message", () => {
    expect(kind("   ")).toBe("empty");
  });

  it("lets a question through a greeting", () => {
    const match = matcher.match("Добрый день! Забыла пароль, что делать?");
    expect(match.outOfScope).toBeUndefined();
    expect(match.best?.id).toBe("password");
  });
});
