import { describe, expect, it } from "vitest";
import { groupQuestions } from "./question-groups.js";

describe("groupQuestions", () => {
  it("groups messages that share their words, most frequent first", () => {
    const groups = groupQuestions([
      { text: "как оплатить летний лагерь", nearestSlug: "catalog-paid" },
      { text: "летний лагерь как оплатить?", nearestSlug: "catalog-paid" },
      { text: "Как оплатить лагерь летний!!" },
      { text: "где купить форму" },
      { text: "привет" },
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ count: 3, nearestSlug: "catalog-paid" });
    expect(groups[0]?.samples).toHaveLength(3);
    expect(groups[1]).toMatchObject({ count: 1, example: "где купить форму" });
  });
});
