import { readFileSync } from "node:fs";
import { packageFile } from "../shared/index.js";
import { findMisspellings, vocabularyOf } from "./find-misspellings.js";

/**
 * Words of the service that a general dictionary lacks and agents write every day. The
 * shipped knowledge base adds its own vocabulary, the operator's config file theirs.
 */
const SERVICE_WORDS = [
  ...["госуслуги", "госуслуг", "госуслугах", "госуслугам", "госуслугами"],
  ...["модерация", "модерации", "модерацию", "модерацией", "модерировать"],
  ...["переподайте", "переподать", "допобразование", "допобразования"],
  ...["сертификата", "сертификатом", "автоматически", "онлайн", "офлайн"],
  ...["скриншот", "скриншота", "скриншоты", "скриншотом", "скриншотов", "скриншоте"],
  ...["робототехника", "робототехники", "робототехнику", "робототехникой", "робототехник"],
];

export interface LiteracyCheckOptions {
  /** The operator's own words (ETIQUETTE_CONFIG_FILE `knownWords`): names of programs, places. */
  knownWords?: readonly string[];
  /** Texts whose words count as known; the shipped knowledge base by default. */
  vocabularyFiles?: readonly string[];
}

/**
 * The literacy hint on agents' replies: the misspelt words (at most three) of a reply, for
 * a hint that never holds it back. The known vocabulary is read once, on first use.
 */
export function createLiteracyCheck(
  options: LiteracyCheckOptions = {},
): (text: string) => string[] {
  let known: Set<string> | undefined;
  const vocabulary = (): Set<string> => {
    if (known) return known;
    known = new Set([...SERVICE_WORDS, ...(options.knownWords ?? [])].map(fold));
    for (const file of options.vocabularyFiles ?? [packageFile("locales", "ru", "faq.yaml")])
      for (const word of vocabularyOf(readFileSync(file, "utf8"))) known.add(word);
    return known;
  };
  return (text) => findMisspellings(text, { knownWords: vocabulary() });
}

function fold(word: string): string {
  return word.toLowerCase().replaceAll("ё", "е");
}
