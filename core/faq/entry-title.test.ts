import { describe, expect, it } from "vitest";
import { entryTitle, entryTitleLimit } from "./entry-title.js";

describe("entryTitle", () => {
  it("uses the entry's own title when it has one", () => {
    expect(entryTitle({ title: "Регистрация", question: "Как зарегистрироваться?" })).toBe(
      "Регистрация",
    );
  });

  it("uses a short question as it is", () => {
    expect(entryTitle({ question: "Как получить сертификат?" })).toBe("Как получить сертификат?");
  });

  it("cuts a long question at a word boundary, with an ellipsis, within the limit", () => {
    const question =
      "Почему заявка на программу висит в статусе «Новая» уже вторую неделю и что с этим делать?";
    const title = entryTitle({ question });
    expect([...title].length).toBeLessThanOrEqual(entryTitleLimit);
    expect(title.endsWith("…")).toBe(true);
    expect(question.startsWith(title.slice(0, -1))).toBe(true);
    expect(title.slice(0, -1)).toMatch(/[\p{L}»]$/u);
  });
});
