import type { HintedMatch } from "./etiquette-verdict.js";
import { aggressionPhrases } from "./lists/aggression-phrases.js";
import { distinctMatches } from "./text/distinct-matches.js";
import { foldText } from "./text/fold-text.js";
import { createRangeClaims } from "../shared/range-claims.js";
import { compilePhrase, mayOccur, requiredWords } from "./text/phrase-pattern.js";

const PATTERNS = aggressionPhrases.map((spec) => ({
  pattern: compilePhrase(spec),
  needs: requiredWords(spec.phrase),
}));
/** Three or more "!" in one run ("!!!", "?!!!") read as raised voice. */
const EXCLAMATIONS = /[!?¡]{3,}/gu;

/**
 * Rude, condescending or blaming wording toward the parent, and runs of "!!!"; each
 * spelling once, at most `MAX_FINDINGS_PER_RULE` of each.
 */
export function findAggression(prose: string, folded = foldText(prose)): HintedMatch[] {
  const phrases = distinctMatches<HintedMatch>();
  const claims = createRangeClaims(prose.length);
  for (const { pattern, needs } of PATTERNS) {
    if (!mayOccur(needs, folded)) continue;
    for (const m of folded.matchAll(pattern)) {
      if (phrases.full) break;
      const end = m.index + m[0].length;
      if (!claims.claim(m.index, end)) continue;
      const text = prose.slice(m.index, end);
      phrases.add({ index: m.index, text, hint: "etiquette-aggression" }, m[0]);
    }
  }
  const exclamations = distinctMatches<HintedMatch>();
  for (const m of prose.matchAll(EXCLAMATIONS)) {
    if (exclamations.full) break;
    if ((m[0].match(/!/g) ?? []).length >= 3)
      exclamations.add({ index: m.index, text: m[0], hint: "etiquette-exclamations" });
  }
  return [...phrases.sorted(), ...exclamations.sorted()].sort((a, b) => a.index - b.index);
}
