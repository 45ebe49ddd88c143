import type { TextMatch } from "./etiquette-verdict.js";
import { contextualSlang, slangPhrases, slangWords } from "./lists/slang-words.js";
import { distinctMatches } from "./text/distinct-matches.js";
import { foldText } from "./text/fold-text.js";
import { compilePhrase } from "./text/phrase-pattern.js";
import { unquote } from "./text/quoted-ranges.js";

const SLANG = new Set(slangWords);
const NORM_AFTER = new Set<string>(contextualSlang.normAfter);
const UNITS = new Set<string>(contextualSlang.unitsAfterNumber);
const WORD = /[\p{L}\p{N}]+/gu;
const NUMBER = /^\d+$/;
/** A reply that names the VK and OK networks uses "ОК" for Odnoklassniki. */
const NAMES_SOCIAL_NETWORKS = /(?<![\p{L}])(?:вк|vk|вконтакте|одноклассник)/u;
const PHRASES = slangPhrases.map(compilePhrase);

interface Token {
  index: number;
  folded: string;
}

/**
 * Informal words ("ок", "щас", "инфа", "спс"), matched as whole words only; each spelling
 * once (folded: "Ок" and "ок" are one), at most `MAX_FINDINGS_PER_RULE` of them. Only the
 * words that are slang are cut from the text: a reply of 5,000 short words allocates
 * nothing per word but the match itself.
 */
export function findSlang(prose: string, unquoted = unquote(prose)): TextMatch[] {
  const folded = foldText(unquoted);
  const found = distinctMatches();
  const namesNetworks = NAMES_SOCIAL_NETWORKS.test(folded); // once, not once per "ОК"
  let previous: Token | undefined;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m !== null && !found.full; m = WORD.exec(folded)) {
    const token = { index: m.index, folded: m[0] };
    if (SLANG.has(token.folded)) {
      const original = prose.slice(token.index, token.index + token.folded.length);
      // A word reported once is not judged again; one read otherwise here ("ОК" of
      // Odnoklassniki, "5 мб") is judged again where it stands next.
      if (
        !found.has(token.folded) &&
        !isUsedOtherwise(token, original, previous, folded, namesNetworks)
      )
        found.add({ index: token.index, text: original }, token.folded);
    }
    previous = token;
  }
  for (const pattern of PHRASES)
    for (const m of folded.matchAll(pattern)) {
      if (found.full) break;
      found.add({ index: m.index, text: prose.slice(m.index, m.index + m[0].length) }, m[0]);
    }
  return found.sorted();
}

function isUsedOtherwise(
  token: Token,
  original: string,
  previous: Token | undefined,
  folded: string,
  namesNetworks: boolean,
): boolean {
  const afterNumber = previous !== undefined && NUMBER.test(previous.folded);
  if (UNITS.has(token.folded) && afterNumber) return true;
  // "МБ" and "Мб" are megabytes however they stand.
  if (token.folded === "мб" && original !== "мб") return true;
  if (token.folded === "ок" && original === "ОК" && namesNetworks) return true;
  if (token.folded === "норм") {
    // "санитарных норм", "соблюдение норм": the plural of "норма", unless it opens a
    // clause or follows a word that only the slang takes ("всё норм").
    if (previous === undefined) return false;
    const between = folded.slice(previous.index + previous.folded.length, token.index);
    return !/[.!?,;:\n]/.test(between) && !NORM_AFTER.has(previous.folded);
  }
  return false;
}
