import type { Stemmer } from "./stem.js";
import { stopWords } from "./stop-words.js";
import type { Token } from "./tokenize.js";

/** What the knowledge base knows, as the re-joining needs it. */
export interface Vocabulary {
  /** True when the base uses this word as written, or a word with this stem. */
  knows(word: string, stem: string): boolean;
  /** True when the base uses this word as written. */
  hasWord(word: string): boolean;
}

/** Shortest word that joined pieces must make to be trusted. */
const minJoinedLength = 5;
/** Shortest known part a glued word is split into (besides "не"). */
const minPartLength = 4;
/** Longest piece read as a word ending that voice input cut off ("кабинет ах"). */
const maxEndingLength = 3;
/** Most pieces one word is rebuilt from ("со про вож де ние" is beyond repair). */
const maxPieces = 3;
/**
 * Longest unknown word tried as two glued words. Every cut costs a look-up of both halves,
 * so a 16,000-letter "word" would cost its length squared; two words of the base glued
 * together are far shorter than this.
 */
const maxGluedLength = 60;

/** Prepositions that Russian also uses as verb and noun prefixes. */
const prefixes = new Set([
  "под",
  "от",
  "по",
  "до",
  "за",
  "на",
  "из",
  "про",
  "при",
  "над",
  "об",
  "пред",
  "без",
]);

/** What follows a prefix-like preposition may be the rest of its word: unknown and root-long. */
const rootAfter = (next: Token | undefined, isKnown: boolean | undefined) =>
  next !== undefined && isKnown === false && next.word.length >= minPartLength;

function token(word: string, stem: Stemmer, context: boolean | undefined): Token {
  const stop = stopWords.has(word);
  return { word, stem: stop ? word : stem(word), stop, ...(context ? { context } : {}) };
}

/**
 * Repairs word boundaries that voice input and hasty typing break, with the base's
 * vocabulary as the judge:
 * - two or three neighbouring pieces, at least one of them unknown to the base, that
 *   together make a word the base knows become that word ("паро ль" -> "пароль",
 *   "сертифи кат" -> "сертификат", "кабинет ах" -> "кабинетах"); function words are
 *   never pieces ("по чта" stays as written);
 * - an unknown word made of two words of the base, or of "не" and such a word, is split
 *   ("паролькабинет", "непришло").
 * Known words are never changed, so the repair cannot turn one real word into another.
 */
export function rejoinWords(
  tokens: readonly Token[],
  vocabulary: Vocabulary,
  stem: Stemmer,
): Token[] {
  const known = tokens.map((t) => t.stop || vocabulary.knows(t.word, t.stem));
  if (known.every(Boolean)) return tokens as Token[];
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first) continue;
    const joined = joinAt(tokens, known, i, vocabulary, stem);
    if (joined) {
      out.push(joined.token);
      i += joined.parts - 1;
    } else if (known[i]) out.push(first);
    else out.push(...splitGlued(first, vocabulary, stem));
  }
  return out;
}

function joinAt(
  tokens: readonly Token[],
  known: readonly boolean[],
  i: number,
  vocabulary: Vocabulary,
  stem: Stemmer,
): { token: Token; parts: number } | undefined {
  const first = tokens[i];
  if (!first || /\d/.test(first.word)) return undefined;
  // A preposition that is also a verb prefix may start a word voice input cut apart
  // ("под тверждены", "от личаются"), when what follows is not a word of the base.
  if (first.stop && !(prefixes.has(first.word) && rootAfter(tokens[i + 1], known[i + 1])))
    return undefined;
  let word = first.word;
  let unknownParts = known[i] ? 0 : 1;
  for (let parts = 2; parts <= maxPieces; parts++) {
    const next = tokens[i + parts - 1];
    if (!next || next.stop || /\d/.test(next.word)) return undefined;
    word += next.word;
    if (!known[i + parts - 1]) unknownParts += 1;
    // Known words side by side are separate words ("пароль кабинет"), not one split.
    if (unknownParts === 0 || word.length < minJoinedLength) continue;
    const candidate = token(word, stem, first.context);
    if (candidate.stop) continue;
    const pieces = tokens.slice(i, i + parts);
    if (vocabulary.hasWord(word) || joinsToNewStem(candidate, pieces, vocabulary))
      return { token: candidate, parts };
  }
  return undefined;
}

/**
 * A joined word the base does not have as written still counts when its stem is a stem
 * of the base that none of its pieces has ("заб ыла" -> "забыл-"), or when it only gives
 * a cut-off ending back to a known word ("кабинет ах"). A word-start rule must not let a
 * known word swallow an unknown neighbour ("кружок" + "вечерами" still starts "кружок").
 */
function joinsToNewStem(candidate: Token, pieces: Token[], vocabulary: Vocabulary): boolean {
  if (!vocabulary.knows(candidate.word, candidate.stem)) return false;
  if (pieces.every((piece) => piece.stem !== candidate.stem)) return true;
  const [head, ...tail] = pieces;
  return (
    head?.stem === candidate.stem &&
    tail.every(
      (piece) => piece.word.length <= maxEndingLength && !vocabulary.knows(piece.word, piece.stem),
    )
  );
}

/**
 * Splits an unknown word into two words of the base as written ("паролькабинет"), or "не"
 * and such a word ("непришло"). Other short pieces are not split off: Russian prefixes
 * look like prepositions ("в-писать", "по-ставить").
 */
function splitGlued(glued: Token, vocabulary: Vocabulary, stem: Stemmer): Token[] {
  const { word } = glued;
  if (word.length < minPartLength + 2 || word.length > maxGluedLength || /\d/.test(word))
    return [glued];
  for (let cut = 2; cut <= word.length - minPartLength; cut++) {
    const left = word.slice(0, cut);
    const right = word.slice(cut);
    const leftKnown = left === "не" || (left.length >= minPartLength && vocabulary.hasWord(left));
    if (leftKnown && vocabulary.hasWord(right))
      return [token(left, stem, glued.context), token(right, stem, glued.context)];
  }
  return [glued];
}
