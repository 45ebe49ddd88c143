import type { TextMatch } from "./etiquette-verdict.js";
import { contextualSlang, slangPhrases, slangWords } from "./lists/slang-words.js";
import { foldText } from "./text/fold-text.js";
import { compilePhrase } from "./text/phrase-pattern.js";
import { unquote } from "./text/quoted-ranges.js";

const SLANG = new Set(slangWords);
const NORM_AFTER = new Set<string>(contextualSlang.normAfter);
const UNITS = new Set<string>(contextualSlang.unitsAfterNumber);
const WORD = /[\p{L}\p{N}]+/gu;
/** A reply that names the VK and OK networks uses "ОК" for Odnoklassniki. */
const NAMES_SOCIAL_NETWORKS = /(?<![\p{L}])(?:вк|vk|вконтакте|одноклассник)/u;
const PHRASES = slangPhrases.map(compilePhrase);

interface Token {
  index: number;
  folded: string;
  original: string;
}

/** Informal words ("ок", "щас", "инфа", "спс"), matched as whole words only. */
export function findSlang(prose: string, unquoted = unquote(prose)): TextMatch[] {
  const folded = foldText(unquoted);
  const tokens: Token[] = [...folded.matchAll(WORD)].map((m) => ({
    index: m.index,
    folded: m[0],
    original: prose.slice(m.index, m.index + m[0].length),
  }));
  const found: TextMatch[] = [];
  const namesNetworks = NAMES_SOCIAL_NETWORKS.test(folded); // once, not once per "ОК"
  tokens.forEach((token, i) => {
    if (!SLANG.has(token.folded)) return;
    const previous = tokens[i - 1];
    if (isUsedOtherwise(token, previous, folded, namesNetworks)) return;
    found.push({ index: token.index, text: token.original });
  });
  for (const pattern of PHRASES)
    for (const m of folded.matchAll(pattern))
      found.push({ index: m.index, text: prose.slice(m.index, m.index + m[0].length) });
  return found.sort((a, b) => a.index - b.index);
}

function isUsedOtherwise(
  token: Token,
  previous: Token | undefined,
  folded: string,
  namesNetworks: boolean,
): boolean {
  const afterNumber = previous !== undefined && /^\d+$/.test(previous.folded);
  if (UNITS.has(token.folded) && afterNumber) return true;
  // "МБ" and "Мб" are megabytes however they stand.
  if (token.folded === "мб" && token.original !== "мб") return true;
  if (token.folded === "ок" && token.original === "ОК" && namesNetworks) return true;
  if (token.folded === "норм") {
    // "санитарных норм", "соблюдение норм": the plural of "норма", unless it opens a
    // clause or follows a word that only the slang takes ("всё норм").
    if (previous === undefined) return false;
    const between = folded.slice(previous.index + previous.folded.length, token.index);
    return !/[.!?,;:\n]/.test(between) && !NORM_AFTER.has(previous.folded);
  }
  return false;
}
