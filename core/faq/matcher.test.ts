import { describe, expect, it } from "vitest";
import { createFaqMatcher, matchedLength, matchedPart } from "./matcher.js";
import { testEntries } from "./test-entries.js";

describe("createFaqMatcher", () => {
  const matcher = createFaqMatcher(testEntries);

  it("answers a clear question with its reasoning", () => {
    const match = matcher.match("как восстановить пароль от кабинета");
    expect(match).toMatchObject({
      decision: "answer",
      reason: "confident",
      best: { id: "password" },
    });
    expect(match.best?.matchedTerms.join(" ")).toContain("пароль");
    expect(match.confidence).toBeGreaterThan(0.7);
    expect(match.normalized).toBe("как восстановить пароль от кабинета");
  });

  it("offers, not answers, a message that is one known word", () => {
    // "пароль" may be a forgotten one, a change, an error: the parent picks.
    const match = matcher.match("а пароль?");
    expect(match.decision).toBe("escalate");
    expect(match.withheld).toBe("one_word");
    expect(match.offers?.map((offer) => offer.id)).toContain("password");
  });

  it("does not answer one question of two when the other asks what the base does not know", () => {
    const match = matcher.match(
      "как восстановить пароль от кабинета? и когда начнется набор в футбольную секцию",
    );
    expect(match.decision).toBe("escalate");
    expect(match.questions).toBe(2);
    expect(match.offers?.[0]?.id).toBe("password");
  });

  it("decides on a long message's beginning and leaves the rest to agents", () => {
    // A question, then a pasted log far beyond what the matcher reads (see `matchedLength`).
    const question = "как восстановить пароль от кабинета";
    const long = `${question}\n${"ошибка 500 на странице записи ".repeat(600)}`;
    expect(long.length).toBeGreaterThan(4 * matchedLength);
    const match = matcher.match(long);
    expect(match.best?.id).toBe("password");
    // Only the decision is taken on the beginning; intake stores and relays the whole text.
    expect(match.normalized.length).toBeLessThanOrEqual(matchedLength);
  });

  it("reads a message up to the limit whole and cuts a longer one before a split word", () => {
    const exact = "а".repeat(matchedLength);
    expect(matchedPart(exact)).toBe(exact);
    const long = `${"слово ".repeat(matchedLength / 6)}продолжение`;
    const part = matchedPart(long);
    expect(part.length).toBeLessThanOrEqual(matchedLength);
    expect(long.startsWith(part)).toBe(true);
    expect(part.endsWith("слово")).toBe(true);
    // One unbroken "word" has no boundary to cut at: it is cut at the limit.
    expect(matchedPart("x".repeat(2 * matchedLength))).toHaveLength(matchedLength);
  });

  it("tolerates typos", () => {
    expect(matcher.match("как востановить пороль").best?.id).toBe("password");
  });

  it("reads transliteration and a wrong keyboard layout", () => {
    const translit = matcher.match("kak poluchit sertifikat");
    expect(translit.best?.id).toBe("certificate");
    expect(translit.normalized).toContain("сертификат");
    expect(matcher.match("pf,skf gfhjkm").best?.id).toBe("password");
  });

  it("understands colloquial words", () => {
    expect(matcher.match("как записать дочку в секцию").best?.id).toBe("apply");
    expect(matcher.match("хотим забронировать экскурсию").best?.id).toBe("booking");
  });

  it("escalates a question no entry covers", () => {
    const match = matcher.match("когда начнутся летние каникулы в музыкальной школе");
    expect(match.decision).toBe("escalate");
    expect(match.reason).toMatch(/low_confidence|ambiguous/);
  });

  it("escalates a single shared word", () => {
    expect(matcher.match("какая у вас погода, сайт").decision).toBe("escalate");
  });

  it("honours a stricter threshold", () => {
    // The heuristic's own threshold applies without the learned classifier…
    const strict = createFaqMatcher(testEntries, { threshold: 0.999, examples: null });
    const match = strict.match("забыла пароль");
    expect(match.decision).toBe("escalate");
    expect(match.best?.id).toBe("password");
    expect(match.learned).toBeUndefined();
    // …and the learned decision's thresholds with it.
    const never = { threshold: 2, learnedThreshold: 2, learnedSupport: 0, learnedAlone: 2 };
    const learning = createFaqMatcher(testEntries, { untaught: never, taught: never });
    expect(learning.match("забыла пароль").decision).toBe("escalate");
  });

  it("explains the ranking", () => {
    const explanation = matcher.explain("не могу оформить сертификат");
    expect(explanation.scores[0]?.id).toBe("certificate");
    expect(explanation.terms.map((t) => t.word)).toContain("сертификат");
  });

  it("looks up entries by id", () => {
    expect(matcher.entry("booking")?.category).toBe("booking");
    expect(matcher.size).toBe(testEntries.length);
  });

  it("rejects typo corrections that are other real words", () => {
    const local = createFaqMatcher([
      ...testEntries,
      {
        id: "start",
        category: "account",
        question: "Когда начать подготовку к сезону?",
        answer: "С регистрации.",
        phrasings: [],
        keywords: [],
      },
    ]);
    const stems = (text: string) =>
      local.explain(text).terms[0]?.alternatives.map((alt) => alt.stem) ?? [];
    expect(stems("качать")).toEqual([]);
    expect(stems("нвчать")).toContain("нача");
    expect(matcher.explain("сертефикат").terms[0]?.alternatives[0]?.stem).toBe("сертификат");
  });

  it("reads genitive plurals with a dropped vowel", () => {
    const local = createFaqMatcher([
      ...testEntries,
      {
        id: "buttons",
        category: "technical",
        question: "Кнопка серого цвета и не реагирует",
        answer: "Обновите страницу.",
        phrasings: [],
        keywords: ["кнопка"],
      },
    ]);
    expect(
      local.explain("нет кнопок").terms.find((t) => t.word === "кнопок")?.alternatives,
    ).toEqual([{ stem: "кнопк", similarity: 1 }]);
  });

  it("does not answer on generic words alone", () => {
    const match = matcher.match("ну опять этот сайт");
    expect(match.decision).toBe("escalate");
  });

  it("repairs words that voice input split", () => {
    const match = matcher.match("как восста новить паро ль");
    expect(match).toMatchObject({ decision: "answer", best: { id: "password" } });
    expect(match.best?.matchedTerms.join(" ")).toContain("пароль");
  });

  it("adds the character n-gram view as a second opinion on the best entries", () => {
    const scores = matcher.explain("оформление сертификата").scores;
    expect(scores[0]?.id).toBe("certificate");
    expect(scores[0]?.ngram).toBeGreaterThan(scores[1]?.ngram ?? 0);
  });

  it("reads a pasted server error as the site failing", () => {
    expect(matcher.match("503 Service Unavailable").best?.id).toBe("site-down");
  });

  it("without a dictionary, corrects voicing slips only where Russian neutralises them", () => {
    const gift = [
      ...testEntries,
      {
        id: "gift",
        category: "catalog",
        question: "Где получить подарок за объезд?",
        answer: "В разделе подарков.",
        phrasings: [],
        keywords: [],
      },
    ];
    const local = createFaqMatcher(gift, { dictionary: null });
    const stems = (text: string) =>
      local.explain(text).terms[0]?.alternatives.map((alt) => alt.stem) ?? [];
    expect(stems("объезт")).toContain(stems("объезд")[0]);
    expect(stems("потарок")).toEqual([]);
    // With the dictionary, "потарок" is known not to be a word: a typo, corrected.
    const checked = createFaqMatcher(gift);
    const alternatives = checked.explain("потарок").terms[0]?.alternatives ?? [];
    expect(alternatives.map((alt) => alt.stem)).toEqual(stems("подарок"));
  });

  it("never takes a real word for a typo of another", () => {
    const local = createFaqMatcher([
      ...testEntries,
      {
        id: "bath",
        category: "catalog",
        question: "Можно ли купать ребёнка после секции?",
        answer: "Да.",
        phrasings: [],
        keywords: [],
      },
    ]);
    const first = (text: string) => local.explain(text).terms[0];
    expect(first("купатб")?.alternatives.map((alt) => alt.stem)).toEqual(
      first("купать")
        ?.alternatives.slice(0, 1)
        .map((alt) => alt.stem),
    );
    expect(first("кушать")?.alternatives).toEqual([]);
  });

  it("counts a child's age as context, not as the question", () => {
    const age = matcher
      .explain("оформляем сертификат, дочке 10 лет")
      .terms.find((t) => t.stem === "возраст");
    expect(age?.weight).toBeLessThan(matcher.explain("какой возраст").terms[0]?.weight ?? 0);
  });
});
