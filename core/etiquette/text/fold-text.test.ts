import { describe, expect, it } from "vitest";
import { foldText } from "./fold-text.js";

describe("foldText", () => {
  it("lowers and folds ё into е", () => {
    expect(foldText("Ещё РАЗ, Ёлка")).toBe("еще раз, елка");
  });

  it("keeps every index: a letter that grows when lowered keeps its case", () => {
    const text = "İstanbul Ёж";
    const folded = foldText(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe("İstanbul еж");
  });

  it("lowers a final sigma as a letter of its own, as the letter-by-letter fold does", () => {
    expect(foldText("ΟΔΟΣ ЁЖ")).toBe("οδοσ еж");
  });
});
