import snowball from "snowball-stemmers";
import { rootRules } from "./synonyms.js";

/** Maps one normalised word to the stem the index and the queries share. */
export type Stemmer = (word: string) => string;

const cacheLimit = 50_000;

/**
 * A Russian stemmer: the synonym root rules first (colloquial forms, stems Snowball
 * splits), then the Snowball Russian algorithm; Latin words and numbers pass through.
 * Results are memoised per stemmer (bounded, so a flood of unique words cannot grow it).
 */
export function createStemmer(): Stemmer {
  const russian = snowball.newStemmer("russian");
  const cache = new Map<string, string>();
  return (word) => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const stem = stemWord(word, russian.stem.bind(russian));
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(word, stem);
    return stem;
  };
}

function stemWord(word: string, snowballStem: (word: string) => string): string {
  for (const [pattern, canonical] of rootRules) if (pattern.test(word)) return canonical;
  if (!/[а-я]/.test(word)) return word;
  return trimVerbSuffix(snowballStem(word));
}

/**
 * Snowball keeps the aspect suffix of verbs ("получа-ть" vs "получ-ить", "сохраня-ть" vs
 * "сохран-ить"); dropping it lets both aspects meet. The imperfective "-ва-" after a
 * vowel ("подава-ть" / "пода-ть", "создава-ть" / "созда-ть"), the "-им-" of "-нимать"
 * ("приним-ать" / "прин-ять") and the "л" Russian puts after a labial in "-влять",
 * "-млять" ("отправл-ять" / "отправ-ить", "оформл-ять" / "оформ-ить") go the same way.
 * Short stems stay as they are.
 */
function trimVerbSuffix(stem: string): string {
  const vowel = stem.replace(/([ая])ва$/, "$1");
  const suffix = vowel.replace(/(ыва|ива|ова|ева|а|я)$/, "");
  const trimmed = suffix.length >= 4 ? suffix : vowel;
  // Anchored at the start: the same matches, but one try instead of one per letter, each
  // reading to the end (a 16,000-letter "word" took seconds).
  const aspect = trimmed.replace(/^(.{2,}н)им$/, "$1").replace(/^(.{3,}[бвпмф])л$/, "$1");
  return aspect.length >= 4 ? aspect : trimmed;
}
