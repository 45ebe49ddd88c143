/**
 * Between two words of a phrase: a run of spaces and punctuation. Bounded, so that a try
 * at every word of a long run of signs reads a few of them, not the rest of the text.
 */
const GAP = "[^\\p{L}\\p{N}]{1,8}";
/** The phrase ends its clause: only punctuation, then a stop, !, ?, a comma or the end. */
const CLAUSE_END = "(?=[^\\p{L}\\p{N}]{0,8}(?:[.,!?;…]|$))";

/** A phrase to look for in folded text (lower case, ё as е). */
export interface PhraseSpec {
  /**
   * Regular-expression source where a plain space stands for any gap between words
   * ("вы что, читать" matches "вы что читать"), e.g. "сколько (?:можно|раз) повторять".
   */
  phrase: string;
  /** Match only when nothing but punctuation follows up to the end of the clause. */
  clauseEnd?: boolean;
}

/**
 * Compiles a phrase with word boundaries that know Cyrillic (`\b` in JavaScript does
 * not), so "ок" never matches inside "около".
 */
export function compilePhrase(spec: PhraseSpec | string): RegExp {
  const { phrase, clauseEnd } = typeof spec === "string" ? { phrase: spec } : spec;
  const body = phrase.replace(/ /g, GAP);
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])${clauseEnd ? CLAUSE_END : ""}`,
    "gu",
  );
}

/**
 * Text every match of a phrase contains, as lists of alternatives: the letters each
 * top-level word starts with and the groups of plain words that are not optional ("не
 * (?:тупите|тупи)" needs "не" and one of "тупите", "тупи"). Anything else (optional
 * groups, classes) needs nothing. The most selective lists (longest words) first.
 */
export function requiredWords(phrase: string): string[][] {
  const needs: string[][] = [];
  for (const token of topLevelTokens(phrase)) {
    const group = GROUP.exec(token)?.[1];
    if (group !== undefined && !/[()?*+[\]\\{}]/.test(group))
      needs.push(group.split("|").map((alternative) => alternative.trim().split(" ")[0] ?? ""));
    // The letters a token starts with, up to one a quantifier makes optional:
    // "морочьте?" needs "морочьт", "издева(?:етесь|ешься)" needs "издева".
    const start = LEADING_LETTERS.exec(token);
    if (start) {
      const optional = /^[?*{]/.test(token.slice(start[0].length));
      needs.push([optional ? start[0].slice(0, -1) : start[0]]);
    }
  }
  const shortest = (words: string[]) => Math.min(...words.map((w) => w.length));
  return needs
    .filter((words) => words.every((w) => w !== ""))
    .sort((a, b) => shortest(b) - shortest(a));
}

/**
 * Whether a phrase with these required words may occur in the folded text: a few
 * substring searches that spare reading the text with the pattern itself. Most phrases
 * share a common first word ("не", "вы"), and a reply of that word repeated ("не не не
 * …") would otherwise cost every such phrase a try at every word.
 */
export function mayOccur(needs: readonly (readonly string[])[], folded: string): boolean {
  return needs.every((words) => words.some((word) => folded.includes(word)));
}

const LEADING_LETTERS = /^[\p{L}-]+/u;
const GROUP = /^\(\?:(.*)\)$/u;

/**
 * The phrase split at its top-level spaces (a space inside a group stays in its token);
 * none when it is an alternation at the top level.
 */
function topLevelTokens(phrase: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of phrase) {
    if (ch === "(") depth += 1;
    if (ch === ")") depth -= 1;
    // "a b|c d" at the top level is two phrases: neither's words are needed.
    if (ch === "|" && depth === 0) return [];
    if (ch === " " && depth === 0) {
      tokens.push(current);
      current = "";
    } else current += ch;
  }
  tokens.push(current);
  return tokens.filter((t) => t !== "");
}
