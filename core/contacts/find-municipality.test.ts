import { describe, expect, test } from "vitest";
import { matchMunicipality, mayNameMunicipality } from "./find-municipality.js";

const all = [
  { name: "Нижний Тагил" },
  { name: "Екатеринбург" },
  { name: "Городской округ Верхняя Пышма" },
  { name: "Горнозаводск" },
];
const match = (typed: string) => matchMunicipality(all, typed)?.name ?? null;

describe("a typed municipality name", () => {
  test("matches with the words parents add around it (г., город, го), in any case", () => {
    expect(match("г. Нижний Тагил")).toBe("Нижний Тагил");
    expect(match("город екатеринбург")).toBe("Екатеринбург");
    expect(match("го верхняя пышма")).toBe("Городской округ Верхняя Пышма");
    expect(match("Верхняя Пышма")).toBe("Городской округ Верхняя Пышма");
  });

  test("keeps a name that only starts like one of those words", () => {
    expect(match("Горнозаводск")).toBe("Горнозаводск");
    expect(match("горно")).toBe("Горнозаводск");
  });

  test("matches nothing in an ordinary message or an ambiguous prefix", () => {
    expect(match("уже неделю ждём ответа от организации")).toBeNull();
    expect(match("Ни")).toBeNull();
    expect(mayNameMunicipality("a".repeat(61))).toBe(false);
  });
});
