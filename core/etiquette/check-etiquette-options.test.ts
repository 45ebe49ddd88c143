import { describe, expect, test } from "vitest";
import { checkEtiquette } from "./check-etiquette.js";

describe("checkEtiquette", () => {
  test("an empty or plain reply is ok", () => {
    expect(checkEtiquette("")).toEqual({ ok: true, findings: [] });
    expect(checkEtiquette("Спасибо за ожидание!")).toEqual({ ok: true, findings: [] });
  });

  test("each finding names its kind, the fragment and the explanation key", () => {
    expect(checkEtiquette("Ок, щас гляну").findings).toEqual([
      { kind: "slang", match: "Ок", hint: "etiquette-slang" },
      { kind: "slang", match: "щас", hint: "etiquette-slang" },
    ]);
  });

  test("the same word twice is one finding", () => {
    expect(checkEtiquette("Ок. Ок, ок!").findings).toHaveLength(1);
  });

  test("words inside a link are not judged as prose", () => {
    expect(checkEtiquette("Смотрите https://р66.навигатор.дети/program/ok-norm-komp").ok).toBe(
      true,
    );
  });

  test("internal domains come from the options", () => {
    const reply = "Карточка: https://office.uso66.ru/deal/5531";
    expect(checkEtiquette(reply).ok).toBe(true);
    expect(checkEtiquette(reply, { internalDomains: ["uso66.ru"] }).findings).toEqual([
      {
        kind: "confidential",
        match: "https://office.uso66.ru/deal/5531",
        hint: "etiquette-confidential-link",
      },
    ]);
  });

  test("a long reply stays fast", () => {
    const reply = "Здравствуйте! Заявка № 4512 принята, ответим до 18:00. ".repeat(70);
    const started = performance.now();
    expect(checkEtiquette(reply).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
