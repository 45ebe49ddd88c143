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
