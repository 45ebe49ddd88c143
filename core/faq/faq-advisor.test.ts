import { describe, expect, it } from "vitest";
import { createFaqAdvisor } from "./faq-advisor.js";
import { testEntries } from "./test-entries.js";

describe("createFaqAdvisor", () => {
  const stored = testEntries.map((entry, i) => ({ ...entry, entryId: 100 + i }));
  const advisor = createFaqAdvisor({ ru: stored });

  it("answers with the stored entry and its database id", () => {
    const advice = advisor.suggest("забыла пароль, как восстановить", "ru");
    expect(advice).toMatchObject({ decision: "answer", entry: { id: 100, slug: "password" } });
    expect(advice.score).toBeGreaterThan(0.7);
  });

  it("falls back to Russian for a locale without entries", () => {
    expect(advisor.suggest("как забронировать мастер-класс", "en").entry?.slug).toBe("booking");
  });

  it("passes out-of-scope classes and the ticket category through", () => {
    expect(advisor.suggest("спасибо!", "ru")).toMatchObject({
      decision: "escalate",
      outOfScope: "thanks",
    });
    expect(advisor.inferCategory("вопрос по бронированию")).toBe("booking");
  });

  it("judges a text once: the same text again gets the same frozen verdict, per locale", () => {
    const text = "не приходит письмо для восстановления пароля";
    const first = advisor.suggest(text, "ru");
    expect(advisor.suggest(text, "ru")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(advisor.suggest(text, "en")).not.toBe(first);
    expect(advisor.suggest(text, "en")).toEqual(first);
    // A verdict pushed out by hundreds of other texts is computed afresh, to the same result.
    for (let i = 0; i < 300; i++) advisor.suggest(`вопрос номер ${i}`, "ru");
    const again = advisor.suggest(text, "ru");
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("finds entries by id and lists topics", () => {
    expect(advisor.entryById(102)?.slug).toBe("apply");
    expect(advisor.topics("ru").map((t) => t.topic)).toEqual([
      "account",
      "certificate",
      "applications",
      "booking",
      "technical",
    ]);
  });
});
