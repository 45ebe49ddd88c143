import type { HintedMatch } from "./etiquette-verdict.js";
import { aggressionPhrases } from "./lists/aggression-phrases.js";
import { foldText } from "./text/fold-text.js";
import { createRangeClaims } from "../shared/range-claims.js";
import { compilePhrase } from "./text/phrase-pattern.js";

const PATTERNS = aggressionPhrases.map(compilePhrase);
/** Three or more "!" in one run ("!!!", "?!!!") read as raised voice. */
const EXCLAMATIONS = /[!?¡]{3,}/gu;

/** Rude, condescending or blaming wording toward the parent, and runs of "!!!". */
export function findAggression(prose: string, folded = foldText(prose)): HintedMatch[] {
  const found: HintedMatch[] = [];
  const claims = createRangeClaims(prose.length);
  for (const pattern of PATTERNS) {
    for (const m of folded.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (!claims.claim(m.index, end)) continue;
      found.push({ index: m.index, text: prose.slice(m.index, end), hint: "etiquette-aggression" });
    }
  }
  for (const m of prose.matchAll(EXCLAMATIONS)) {
    if ((m[0].match(/!/g) ?? []).length >= 3)
      found.push({ index: m.index, text: m[0], hint: "etiquette-exclamations" });
  }
  return found.sort((a, b) => a.index - b.index);
}
