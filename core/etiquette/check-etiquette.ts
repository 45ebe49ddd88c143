import { findConfidential } from "./confidential/find-confidential.js";
import type {
  EtiquetteFinding,
  EtiquetteOptions,
  EtiquetteVerdict,
  HintedMatch,
  TextMatch,
} from "./etiquette-verdict.js";
import { findAggression } from "./find-aggression.js";
import { findGenderAgeAddress } from "./find-gender-age-address.js";
import { findInformalAddress } from "./find-informal-address.js";
import { findShouting } from "./find-shouting.js";
import { findSlang } from "./find-slang.js";
import { findProfanity } from "./profanity/find-profanity.js";
import { blankRanges } from "./text/blank-ranges.js";
import { findLinks } from "./text/find-links.js";
import { findWords } from "./text/find-words.js";
import { foldText } from "./text/fold-text.js";
import { unquote } from "./text/quoted-ranges.js";

/**
 * The etiquette guard (seed rule 9) run on an agent's reply before it is relayed to a
 * parent: profanity, aggressive wording, slang, address by gender or age, SHOUTING and
 * obvious confidential data (internal links, passwords, tokens), informal "ты" and the
 * operator's own forbidden words. A reply with findings
 * is held; the agent sees each finding's explanation (`hint`, a locale key taking
 * `$match`) and chooses to send it anyway or to edit it. Pure: no I/O, no state.
 */
export function checkEtiquette(text: string, options: EtiquetteOptions = {}): EtiquetteVerdict {
  const links = findLinks(text);
  // Words inside addresses are not prose: "kompyuter" in a link is no slang.
  const prose = blankRanges(text, links);
  // Folded and unquoted once for the detectors that read them, not once per detector.
  const folded = foldText(prose);
  const unquoted = unquote(prose);
  const findings = unique([
    ...findProfanity(prose).map(as("profanity", "etiquette-profanity")),
    ...findAggression(prose, folded).map(hinted("aggression")),
    ...findSlang(prose, unquoted).map(as("slang", "etiquette-slang")),
    ...findGenderAgeAddress(prose, folded).map(
      as("gender_age_address", "etiquette-gender-age-address"),
    ),
    ...findShouting(prose, unquoted).map(as("shouting", "etiquette-shouting")),
    ...findConfidential(links, prose, options.internalDomains ?? []).map(hinted("confidential")),
    ...findInformalAddress(prose).map(as("informal_address", "etiquette-informal-address")),
    ...findWords(prose, new Set((options.forbiddenWords ?? []).map(foldText))).map(
      as("operator_word", "etiquette-operator-word"),
    ),
  ]);
  return { ok: findings.length === 0, findings };
}

function as(kind: EtiquetteFinding["kind"], hint: EtiquetteFinding["hint"]) {
  return (m: TextMatch): EtiquetteFinding => ({ kind, match: m.text, hint });
}

function hinted(kind: EtiquetteFinding["kind"]) {
  return (m: HintedMatch): EtiquetteFinding => ({ kind, match: m.text, hint: m.hint });
}

/** The same word twice is one finding: the agent fixes it everywhere at once. */
function unique(findings: EtiquetteFinding[]): EtiquetteFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.hint}\u0000${foldText(f.match)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
