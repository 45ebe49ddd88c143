import { describe, expect, test } from "vitest";
import { createI18n } from "../i18n/index.js";
import { etiquetteHintKeys } from "./etiquette-verdict.js";

const i18n = createI18n();

describe("etiquette explanations", () => {
  test.each(etiquetteHintKeys)("%s exists in Russian and English and takes $match", (key) => {
    for (const locale of ["ru", "en"] as const) {
      expect(i18n.has(locale, key), `${key} in ${locale}`).toBe(true);
      expect(i18n.t(locale, key, { match: "ФРАГМЕНТ" }).length).toBeGreaterThan(20);
    }
  });

  test("fragments the agent must fix are shown to the agent", () => {
    for (const key of etiquetteHintKeys.filter(
      (k) => !k.includes("password") && !k.includes("token"),
    ))
      expect(i18n.t("ru", key, { match: "ФРАГМЕНТ" })).toContain("ФРАГМЕНТ");
  });

  test("an address explanation offers a neutral form and never uses one itself", () => {
    const text = i18n.t("ru", "etiquette-gender-age-address", { match: "Девушка" });
    expect(text).toContain("Здравствуйте!");
  });
});
