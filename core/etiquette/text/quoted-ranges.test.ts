import { describe, expect, it } from "vitest";
import { quotedRanges } from "./quoted-ranges.js";

describe("quotedRanges", () => {
  it("finds each kind of quoted name, left to right", () => {
    const text = 'Кнопка «ОК», раздел "Мои заявки", “Инфа-центр” и „Юный техник“.';
    const names = quotedRanges(text).map((r) => text.slice(r.start, r.end));
    expect(names).toEqual(["«ОК»", '"Мои заявки"', "“Инфа-центр”", "„Юный техник“"]);
  });

  it("leaves unclosed, overlong and line-crossing quotes alone", () => {
    expect(quotedRanges("«".repeat(16_000))).toEqual([]);
    expect(quotedRanges(`«${"а".repeat(201)}»`)).toEqual([]);
    expect(quotedRanges(`«${"а".repeat(200)}»`)).toEqual([{ start: 0, end: 202 }]);
    expect(quotedRanges('"строка\nдругая"')).toEqual([]);
  });
});
