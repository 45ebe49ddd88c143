import { describe, expect, it } from "vitest";
import { isMostlyLatin, switchKeyboardLayout, transliterateToCyrillic } from "./transliterate.js";

describe("transliteration", () => {
  it("reads informal Latin transliteration as Cyrillic", () => {
    expect(transliterateToCyrillic("kak poluchit sertifikat")).toBe("как получит сертификат");
    expect(transliterateToCyrillic("zdravstvuyte")).toBe("здравствуйте");
    expect(transliterateToCyrillic("shkola")).toBe("школа");
    expect(transliterateToCyrillic("zapisatsya")).toBe("записатся");
  });

  it("re-reads text typed in the wrong keyboard layout", () => {
    expect(switchKeyboardLayout("ghbdtn")).toBe("привет");
    expect(switchKeyboardLayout("pf,skf gfhjkm")).toBe("забыла пароль");
  });

  it("detects messages written mostly in Latin letters", () => {
    expect(isMostlyLatin("kak zapisat rebenka")).toBe(true);
    expect(isMostlyLatin("как войти через email")).toBe(false);
  });
});
