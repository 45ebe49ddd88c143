import { describe, expect, it } from "vitest";
import {
  collapseSpaces,
  fixHomoglyphs,
  foldCase,
  foldYo,
  normalizeText,
  spokenPunctuation,
  squeezeRepeats,
  stripEmoji,
  stripPunctuation,
} from "./normalize.js";

describe("normalisation steps", () => {
  it("folds case, including full-width letters", () => {
    expect(foldCase("ЗАБЫЛА Пароль")).toBe("забыла пароль");
    expect(foldCase("ＡＢＣ")).toBe("abc");
  });

  it("treats ё as е", () => {
    expect(foldYo("ребёнок Ёлка")).toBe("ребенок Елка");
  });

  it("removes emoji, flags and joiners", () => {
    expect(collapseSpaces(stripEmoji("помогите 😭🙏 пожалуйста 👨‍👩‍👧 🇷🇺"))).toBe(
      "помогите пожалуйста",
    );
  });

  it("turns punctuation into spaces", () => {
    expect(collapseSpaces(stripPunctuation("мастер-класс, e-mail... «Радуга»?!"))).toBe(
      "мастер класс e mail Радуга",
    );
  });

  it("collapses letters repeated three times or more, keeps doubles", () => {
    expect(squeezeRepeats("пароооль неееет")).toBe("пароль нет");
    expect(squeezeRepeats("группа класс")).toBe("группа класс");
    // Letters outside the BMP are surrogate pairs: the quick check must not skip them.
    expect(squeezeRepeats("𝐀𝐀𝐀 𝐀𝐀 ааа")).toBe("𝐀 𝐀𝐀 а");
    expect(squeezeRepeats("!!! 111 ...")).toBe("!!! 111 ...");
  });

  it("replaces Latin look-alikes inside Cyrillic words only", () => {
    expect(fixHomoglyphs("cертификат")).toBe("сертификат");
    expect(fixHomoglyphs("email сайт")).toBe("email сайт");
  });

  it("runs the whole pipeline", () => {
    expect(normalizeText("  Здравствуйте!!! Как получить СЕРТИФИКАТ для ребёнка??? 😊 ")).toBe(
      "здравствуйте как получить сертификат для ребенка",
    );
  });

  it("turns dictated punctuation into marks", () => {
    expect(spokenPunctuation("как войти запятая если забыла пароль вопросительный знак")).toBe(
      "как войти, если забыла пароль?",
    );
    expect(spokenPunctuation("знак качества")).toBe("знак качества");
  });
});
