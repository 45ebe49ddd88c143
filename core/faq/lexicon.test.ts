import { describe, expect, it } from "vitest";
import { FaqError } from "./faq-error.js";
import { defaultLexicon, parseLexicon } from "./lexicon.js";

describe("the colloquial lexicon", () => {
  const lexicon = defaultLexicon();

  it("rewrites colloquial words and two-word phrases to standard ones", () => {
    expect(lexicon.rewrite("где рега в художке через гос услуги")).toBe(
      "где регистрация в художественной школе через госуслуги",
    );
    expect(lexicon.rewrite("лк не открывается")).toBe("личный кабинет не открывается");
  });

  it("knows opposite actions and refusals", () => {
    expect(lexicon.actionsOf("оформ")).toEqual(["get"]);
    expect(lexicon.actionsOf("отчисл")).toEqual(["cancel"]);
    expect(lexicon.conflict("get", "cancel")).toBe(true);
    expect(lexicon.conflict("change", "delete")).toBe(true);
    expect(lexicon.conflict("get", "change")).toBe(false);
    expect(lexicon.refuses("мы больше не будем ходить")).toBe(true);
    expect(lexicon.refuses("не могу войти")).toBe(false);
  });

  it("rejects a malformed lexicon with the field it names", () => {
    expect(() => parseLexicon("words: []\n")).toThrow(FaqError);
  });
});
