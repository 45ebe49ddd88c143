import { describe, expect, it } from "vitest";
import { inferCategory } from "./category.js";

describe("inferCategory", () => {
  it("sends booking-system questions to the booking queue", () => {
    expect(inferCategory("Не могу забронировать мастер-класс")).toBe("booking");
    expect(inferCategory("вопрос по ПФДО")).toBe("booking");
  });

  it("sends Navigator site questions to the site queue", () => {
    expect(inferCategory("не могу войти в личный кабинет")).toBe("site");
    expect(inferCategory("заявка висит уже неделю")).toBe("site");
  });

  it("recognises matters of an organisation", () => {
    expect(inferCategory("тренер перенёс занятия и не предупредил")).toBe("other");
  });

  it("says nothing when unsure", () => {
    expect(inferCategory("здравствуйте")).toBeUndefined();
  });
});
