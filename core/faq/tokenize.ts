import { defaultLexicon } from "./lexicon.js";
import type { Stemmer } from "./stem.js";
import { stopWords } from "./stop-words.js";
import { ageMention, childStem, phraseRules } from "./synonyms.js";

/** One word of a normalised text with the stem it is matched by. */
export interface Token {
  /** The word as written after normalisation. */
  word: string;
  /** The canonical stem (synonym rules, then Snowball). */
  stem: string;
  /** True for function words, greetings, thanks and question formulas. */
  stop: boolean;
  /** True for a word of a clause that tells the situation rather than asks (`clauses.ts`). */
  context?: boolean;
}

const wordStart = "(?<![\\p{L}\\p{N}])";

/**
 * The texts one of which a rule's match must contain, read off the start of its pattern:
 * the letters it begins with ("гос" of "гос\\s+услуг"), or each plain alternative of a
 * first group ("(дом|дворец|центр)"); undefined when the start is not plain letters.
 */
export function requiredLiterals(source: string): string[] | undefined {
  if (hasTopLevelAlternation(source)) return undefined;
  const body = source.startsWith(wordStart) ? source.slice(wordStart.length) : source;
  const group = /^\(([\p{L}|]+)\)/u.exec(body);
  if (group) {
    const alternatives = (group[1] ?? "").split("|");
    return alternatives.every((alternative) => alternative.length > 0) ? alternatives : undefined;
  }
  const letters = /^\p{L}+/u.exec(body)?.[0] ?? "";
  // A quantifier after the last letter makes that letter optional ("с?дела").
  const literal = /^[?*{]/.test(body.slice(letters.length)) ? letters.slice(0, -1) : letters;
  return literal.length > 0 ? [literal] : undefined;
}

/** Whether a pattern is "a|b" at its top level (outside any group or class). */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) return true;
  }
  return false;
}

/**
 * Each rule with the texts its match needs: most texts contain none of a rule's, and a
 * substring search costs far less than running the rule's pattern (word-start
 * look-behinds at every position) over the whole text.
 */
const rules = phraseRules.map(([pattern, replacement]) => ({
  pattern,
  replacement,
  needs: requiredLiterals(pattern.source),
}));

/**
 * Applies the colloquial lexicon ("рега", "художка") and the phrase synonym rules ("гос
 * услуги" -> "госуслуги") to normalised text, in order (a rule sees the earlier ones'
 * rewrites).
 */
export function applyPhraseRules(normalized: string): string {
  const cached = rewritten.get(normalized);
  if (cached !== undefined) return cached;
  let text = defaultLexicon().rewrite(normalized);
  for (const { pattern, replacement, needs } of rules)
    if (!needs || needs.some((literal) => text.includes(literal)))
      text = text.replace(pattern, replacement);
  if (normalized.length <= rewrittenMaxLength) {
    if (rewritten.size >= rewrittenLimit) rewritten.clear();
    rewritten.set(normalized, text);
  }
  return text;
}

/**
 * Texts already rewritten: one message's clauses and asked parts are tokenised more than
 * once (the whole, each clause, each part), and the same short questions come back all
 * day. Bounded in count and in the length of a text kept, so a flood costs little memory.
 */
const rewritten = new Map<string, string>();
const rewrittenLimit = 5_000;
const rewrittenMaxLength = 300;

/** Splits normalised text into words (phrase rules applied). */
export function splitWords(normalized: string): string[] {
  return applyPhraseRules(normalized)
    .split(" ")
    .filter((word) => word.length > 0);
}

/**
 * Splits normalised text into tokens, marking stop words and stemming the rest. A bare
 * number of one or two digits right after a word for the child ("дочке 12", "сыну 5") is
 * the child's age, as "12 лет" is (see `ageMention`).
 */
export function tokenize(normalized: string, stem: Stemmer): Token[] {
  const tokens: Token[] = [];
  for (const written of splitWords(normalized)) {
    const previous = tokens[tokens.length - 1];
    const word = previous?.stem === childStem && /^\d{1,2}$/.test(written) ? ageMention : written;
    const stop = stopWords.has(word);
    tokens.push({ word, stem: stop ? word : stem(word), stop });
  }
  return tokens;
}

/** The content stems of a text, in order, without stop words or one-letter words. */
export function contentStems(normalized: string, stem: Stemmer): string[] {
  return tokenize(normalized, stem)
    .filter((token) => !token.stop && token.word.length > 1)
    .map((token) => token.stem);
}
