import { describe, expect, it } from "vitest";
import { defaultLexicon } from "./lexicon.js";
import { normalizeText } from "./normalize.js";
import { phraseRules } from "./synonyms.js";
import { applyPhraseRules, requiredLiterals } from "./tokenize.js";

describe("applyPhraseRules", () => {
  it("reads the texts a rule needs off the start of its pattern", () => {
    const start = "(?<![\\p{L}\\p{N}])";
    expect(requiredLiterals(`${start}гос\\s+услуг`)).toEqual(["гос"]);
    expect(requiredLiterals(`${start}(дом|дворец)\\S*\\s+творчества`)).toEqual(["дом", "дворец"]);
    // An optional last letter, a class, a top-level alternative: nothing safe to require.
    expect(requiredLiterals(`${start}с?дела\\S*`)).toBeUndefined();
    expect(requiredLiterals(`${start}(скольк[оа]|скока)`)).toBeUndefined();
    expect(requiredLiterals(`${start}перв\\S*\\s+раз|${start}впервые`)).toBeUndefined();
  });

  it("rewrites exactly as applying every rule in turn does", () => {
    const texts = [
      "как зайти через гос услуги в личный кабинет",
      "сделали нам серт в доме детского творчества, чо это такое",
      "скока стоит мастер класс для ребенка 5 лет, пжлст",
      "в первый раз на сайте, эл почта не приходит, ошибка 502 bad gateway",
      "дочке 7 лет, хотим в музыкальную школу, щас нету мест",
    ];
    for (const text of texts) {
      const normalized = normalizeText(text);
      let expected = defaultLexicon().rewrite(normalized);
      for (const [pattern, replacement] of phraseRules)
        expected = expected.replace(pattern, replacement);
      expect(applyPhraseRules(normalized)).toBe(expected);
    }
  });
});
