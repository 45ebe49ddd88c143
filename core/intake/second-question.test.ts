import { describe, expect, test } from "vitest";
import { categoryHits, inferCategory } from "../faq/category.js";
import type { FaqAdvisor } from "./faq-advisor.js";
import { classifySecondQuestion } from "./second-question.js";

const entry = {
  id: 1,
  slug: "account-password-reset",
  question: "q",
  title: "Пароль",
  answer: "a",
};

/** An FAQ that is sure about everything: only the classifier's own rules hold it back. */
const confidentFaq: FaqAdvisor = {
  suggest: (text) =>
    /спасибо/i.test(text)
      ? {
          decision: "escalate",
          reason: "out_of_scope",
          outOfScope: "thanks",
          score: 0,
          normalized: text,
        }
      : { decision: "answer", reason: "confident", entry, score: 0.9, normalized: text },
  inferCategory,
  categoryHits,
  entryById: () => entry,
  topics: () => [],
};
const unsureFaq: FaqAdvisor = {
  ...confidentFaq,
  suggest: (text) => ({
    decision: "escalate",
    reason: "low_confidence",
    score: 0.1,
    normalized: text,
  }),
};

const kind = (faq: FaqAdvisor, text: string, open: "site" | "booking" | "other" = "booking") =>
  classifySecondQuestion(faq, { text, attachments: [] }, open, "ru").kind;

describe("classifySecondQuestion", () => {
  test("short replies, numbers, thanks and files are follow-ups", () => {
    for (const text of ["да", "спасибо", "123456", "Спасибо, жду ответа!", "ок, понятно"])
      expect(kind(confidentFaq, text)).toBe("follow_up");
    const withFile = classifySecondQuestion(
      confidentFaq,
      { text: "Как восстановить пароль?", attachments: [{}] },
      "site",
      "ru",
    );
    expect(withFile.kind).toBe("follow_up");
  });

  test("a question the FAQ is sure about is an FAQ question; a statement is not", () => {
    expect(kind(confidentFaq, "забыла пароль от кабинета, как восстановить?")).toBe("faq");
    expect(kind(confidentFaq, "Добавлю: ребёнку 9 лет")).toBe("follow_up");
  });

  test("another line only when its cues are clear and the open line's are absent", () => {
    expect(kind(unsureFaq, "Ошибка 500 при подписании договора на портале")).toBe("other_line");
    expect(kind(unsureFaq, "Ошибка 500 при подписании договора на портале", "site")).toBe(
      "follow_up",
    );
    // One cue is not clear enough ("ошибка" alone is a typical follow-up).
    expect(kind(unsureFaq, "Опять та же ошибка, ничего не поменялось")).toBe("follow_up");
    // The open line's own words keep it a follow-up, whatever else is named.
    expect(kind(unsureFaq, "На сайте бронирование экскурсии не проходит")).toBe("follow_up");
  });
});
