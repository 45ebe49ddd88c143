import type { TextMatch } from "./etiquette-verdict.js";
import {
  addressAdjectives,
  addressLeadIns,
  familiarAddresses,
  gendered,
  relativeStarts,
  vocativeAddresses,
} from "./lists/address-words.js";
import { distinctMatches } from "./text/distinct-matches.js";
import { foldText } from "./text/fold-text.js";
import { createRangeClaims } from "../shared/range-claims.js";
import { compilePhrase } from "./text/phrase-pattern.js";

const FAMILIAR = compilePhrase(alternation(familiarAddresses));
const ADJECTIVE_AND_GENDER = compilePhrase(
  `${alternation(addressAdjectives)} ${alternation(gendered)}`,
);
const VOCATIVE = compilePhrase(alternation(vocativeAddresses));
/** What may follow an address: a comma or the end of the sentence. */
const AFTER_ADDRESS = /^[ \t]*([,!?.…;)]|$)/u;
/** What may precede an address: the start of a text, a sentence or a clause. */
const CLAUSE_START = /(?:^|[.!?…:;,(\n—–-])[\s"«']*$/u;
/** The word after a comma: "Девушка, которая..." is a mention, not an address. */
const NEXT_WORDS = /^[\s,]*(?:(?:о|об|у|с|со|в|к|для|от|из) )?([\p{L}-]+)/u;
/** The word before a comma: "бабушка, дедушка" is a list, not an address. */
const PREVIOUS_WORD = /([\p{L}-]+)[\s]*,[\s]*$/u;
const LIST_WORDS = new Set([...vocativeAddresses, ...gendered, "и", "или", "родители"]);

/**
 * Address by gender or age ("Девушка, ...", "мамочка", "уважаемая мама"), which the seed
 * rules forbid. A neutral greeting passes, and so do mentions of a child or a relative
 * ("ваш сын", "бабушка может подать заявку"). Each spelling once, at most
 * `MAX_FINDINGS_PER_RULE` of them.
 */
export function findGenderAgeAddress(prose: string, folded = foldText(prose)): TextMatch[] {
  const found = distinctMatches();
  const claims = createRangeClaims(prose.length);
  const add = (index: number, spelling: string) => {
    if (claims.claim(index, index + spelling.length))
      found.add({ index, text: prose.slice(index, index + spelling.length) }, spelling);
  };

  for (const pattern of [ADJECTIVE_AND_GENDER, FAMILIAR, VOCATIVE])
    for (const m of folded.matchAll(pattern)) {
      if (found.full) return found.sorted();
      // An address already reported is not judged again ("девушка, " 2,000 times), but
      // it still holds its place against the patterns after it.
      if (found.has(m[0])) {
        claims.claim(m.index, m.index + m[0].length);
        continue;
      }
      if (pattern !== VOCATIVE || isAddress(folded, m.index, m[0].length)) add(m.index, m[0]);
    }
  return found.sorted();
}

/**
 * How much of the text before an address is read: the clause mark or lead-in and the word
 * before it. The patterns on `before` end at `$`, and on the whole text before every match
 * they cost its length each time.
 */
const LOOK_BEHIND = 64;

function isAddress(folded: string, index: number, length: number): boolean {
  const before = folded.slice(Math.max(0, index - LOOK_BEHIND), index);
  const after = folded.slice(index + length);
  const follows = AFTER_ADDRESS.exec(after);
  if (!follows) return false;
  if (!CLAUSE_START.test(before) && !endsWithLeadIn(before)) return false;
  if (follows[1] === ",") {
    const next = NEXT_WORDS.exec(after.slice(follows[0].length))?.[1] ?? "";
    if (relativeStarts.some((start) => next.startsWith(start)) || LIST_WORDS.has(next))
      return false;
  }
  const previous = PREVIOUS_WORD.exec(before)?.[1];
  return previous === undefined || !LIST_WORDS.has(previous);
}

/** "Здравствуйте девушка" with no comma still addresses the reader. */
function endsWithLeadIn(before: string): boolean {
  const trimmed = before.replace(/[\s,!]+$/u, "");
  return addressLeadIns.some(
    (leadIn) =>
      trimmed.endsWith(leadIn) &&
      !/\p{L}/u.test(trimmed.charAt(trimmed.length - leadIn.length - 1)),
  );
}

function alternation(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).join("|")})`;
}
