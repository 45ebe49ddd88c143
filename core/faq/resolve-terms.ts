import type { FaqIndex } from "./faq-index.js";
import type { SpellingDictionary } from "../language/spelling-dictionary.js";
import type { Stemmer } from "./stem.js";
import { contextWeights } from "./synonyms.js";
import type { Token } from "./tokenize.js";

/** A stem of the knowledge base a message word may stand for, and how sure that is. */
export interface TermAlternative {
  stem: string;
  /** 1 for the same stem; less for a prefix relation or a typo correction. */
  similarity: number;
}

/** One informative word of a message, resolved against the knowledge-base vocabulary. */
export interface QueryTerm {
  word: string;
  stem: string;
  /** Weight in the message vector: idf of its best alternative, or of an unknown word. */
  weight: number;
  alternatives: TermAlternative[];
}

const prefixSimilarity = 0.8;
/** Known stems also reach relatives by prefix, but only from this length on. */
const knownPrefixMinLength = 5;
const typoSimilarity = [1, 0.85, 0.7];

function maxTypos(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

/**
 * A word the dictionary does not know is misspelt for sure, so it is corrected a little
 * further: one edit from four letters, two from seven.
 */
function maxTyposOfNonWord(length: number): number {
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}

function addAlternative(list: TermAlternative[], stem: string, similarity: number): void {
  const existing = list.find((alt) => alt.stem === stem);
  if (!existing) list.push({ stem, similarity });
  else if (existing.similarity < similarity) existing.similarity = similarity;
}

/** Stems of the base that extend this one, or that it extends, by at most three letters. */
function prefixAlternatives(
  index: FaqIndex,
  stem: string,
  minLength: number,
  out: TermAlternative[],
): void {
  if (stem.length < minLength) return;
  for (let cut = stem.length - 1; cut >= Math.max(minLength, stem.length - 3); cut--) {
    const shorter = stem.slice(0, cut);
    if (index.idf.has(shorter)) addAlternative(out, shorter, prefixSimilarity);
  }
  let low = 0;
  let high = index.sortedStems.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((index.sortedStems[mid] ?? "") < stem) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < index.sortedStems.length; i++) {
    const candidate = index.sortedStems[i] ?? "";
    if (!candidate.startsWith(stem)) break;
    if (candidate.length - stem.length <= 3) addAlternative(out, candidate, prefixSimilarity);
  }
}

const verbPrefixes = /^(пере|под|при|про|раз|рас|вз|вс|вы|во|в|до|за|из|ис|на|об|от|по|с|у)/;
const derivedSimilarity = 0.6;

/** Stems that differ by a verb prefix ("вспомн" ~ "помн"): related, not the same. */
function prefixDerivations(index: FaqIndex, stem: string, out: TermAlternative[]): void {
  const bare = stem.replace(verbPrefixes, "");
  if (bare !== stem && bare.length >= 4 && index.idf.has(bare))
    addAlternative(out, bare, derivedSimilarity);
}

/**
 * Genitive plurals drop the stem's last vowel as Snowball does not: "заявок", "кнопок",
 * "девочек" are "заявк-", "кнопк-", "девочк-". Tried when the stem is unknown.
 */
function fleetingVowel(index: FaqIndex, stem: string, out: TermAlternative[]): void {
  const match = /^(.{3,})[оеё]([кнцл])$/.exec(stem);
  if (!match) return;
  const joined = `${match[1] ?? ""}${match[2] ?? ""}`;
  if (index.idf.has(joined)) addAlternative(out, joined, 1);
}

/**
 * Two words that differ only in their verb prefix ("проводят" / "приводят") are related
 * words, not a typo of each other.
 */
function differOnlyByPrefix(a: string, b: string): boolean {
  const bareA = a.replace(verbPrefixes, "");
  const bareB = b.replace(verbPrefixes, "");
  return bareA === bareB && bareA.length >= 3 && a !== b;
}

const keyboardRows = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"];
const keyPosition = new Map<string, [number, number]>();
keyboardRows.forEach((row, y) =>
  [...row].forEach((key, x) => keyPosition.set(key, [y, x + y * 0.5])),
);

/** Letters that sound alike or that spelling rules confuse. */
const soundAlike = new Set(
  "ао ое еи ея еэ иы юу яа зс дт бп вф гк жш шщ ьъ цс чщ йи"
    .split(" ")
    .flatMap((p) => [p, `${p[1]}${p[0]}`]),
);

function nearKeys(a: string, b: string): boolean {
  const pa = keyPosition.get(a);
  const pb = keyPosition.get(b);
  return !!pa && !!pb && Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

/**
 * A one-letter substitution is a typo when the letters are neighbouring keys or sound
 * alike; otherwise the two words are most likely both real ("кушать" / "купать").
 * Insertions, deletions and swaps count as typos, as long as the first letter is kept.
 * A word the dictionary knows not to be a word (`nonWord`) may have any letter wrong.
 */
function plausibleTypo(word: string, candidate: string, nonWord: boolean): boolean {
  // People rarely miss the first letter: "правка" is not a typo of "справка". An
  // unstressed "о" written as it sounds ("атменить", "аплата") is the exception.
  if (word.charAt(0) !== candidate.charAt(0) && !akanye(word, candidate)) return false;
  if (word.length !== candidate.length || nonWord) return true;
  let at = -1;
  for (let i = 0; i < word.length; i++) {
    if (word.charAt(i) === candidate.charAt(i)) continue;
    if (at >= 0) return true;
    at = i;
  }
  if (at < 0) return true;
  const a = word.charAt(at);
  const b = candidate.charAt(at);
  if (nearKeys(a, b)) return true;
  if (!soundAlike.has(`${a}${b}`)) return false;
  // Voiced and voiceless consonants sound alike only where Russian neutralises them: at
  // the end of a word and before another noisy consonant ("зделать", "объезт"). Elsewhere
  // the two spellings are mostly two words ("потарок" is not "подарок" mistyped).
  if (!voicingPairs.has(`${a}${b}`)) return true;
  const next = word.charAt(at + 1);
  return next === "" || obstruents.includes(next);
}

/** "атменить" for "отменить": the same word but for a first "о" written "а". */
function akanye(word: string, candidate: string): boolean {
  return (
    word.charAt(0) === "а" && candidate.charAt(0) === "о" && word.slice(1) === candidate.slice(1)
  );
}

const voicingPairs = new Set("бп дт гк зс вф жш".split(" ").flatMap((p) => [p, `${p[1]}${p[0]}`]));
const obstruents = "бвгджзкпстфхцчшщ";

/**
 * Typo corrections: first the word against the base's words, then the stem against stems.
 * With a dictionary, a real word ("купать") is never a typo of another ("кушать"), and a
 * word the dictionary does not know is corrected more freely.
 */
function typoAlternatives(
  index: FaqIndex,
  token: Token,
  stem: Stemmer,
  dictionary: SpellingDictionary | undefined,
  out: TermAlternative[],
) {
  const limit = dictionary ? maxTyposOfNonWord : maxTypos;
  const hits = index.words.nearest(token.word, limit(token.word.length));
  const stemHits = index.stems.nearest(token.stem, maxTypos(token.stem.length));
  // The dictionary is asked only about words that have a correction to offer.
  if (hits.length === 0 && stemHits.length === 0) return;
  const nonWord = dictionary !== undefined && !dictionary.isWord(token.word);
  if (dictionary && !nonWord) return;
  for (const hit of hits) {
    if (!nonWord && hit.distance > maxTypos(token.word.length)) continue;
    const corrected = index.wordStem.get(hit.word) ?? stem(hit.word);
    if (!index.idf.has(corrected)) continue;
    if (!plausibleTypo(token.word, hit.word, nonWord)) continue;
    const related = differOnlyByPrefix(token.word, hit.word);
    addAlternative(
      out,
      corrected,
      related ? derivedSimilarity : (typoSimilarity[hit.distance] ?? 0),
    );
  }
  // Short stems are mostly other real words one letter away ("пила" is not "пола"): only
  // stems of five letters or more are corrected.
  for (const hit of stemHits)
    if (plausibleTypo(token.stem, hit.word, false))
      addAlternative(out, hit.word, typoSimilarity[hit.distance] ?? 0);
}

/**
 * An unknown word weighs as much as the rarest stem: it is a topic the base may not
 * cover. Unknown verbs are mostly how the parent tells the story ("стараюсь", "разузнать",
 * "мучаюсь"); the topic is in the nouns ("ипотека", "загранпаспорт"), so verbs weigh
 * less.
 */
const unknownVerbShare = 0.5;

const verbEnding =
  /(ть|ться|тся|чь|ешь|ешься|ет|ется|ем|ете|ут|ют|ат|ят|ит|ится|им|ите|ишь|ются|ятся|юсь|усь|ал|ял|ил|ел|ла|ли|ло|лся|лась|лось|лись)$/;

/** A verb form by its ending (infinitive, present, past): a guess for unknown words only. */
export function looksLikeVerb(word: string): boolean {
  return word.length >= 5 && verbEnding.test(word);
}

/** Weight of words that only the context clauses of a question use (see `clauses.ts`). */
const contextClauseShare = 0.8;

/** What a word resolves to against one index: the same for every message that uses it. */
interface ResolvedWord {
  /** The best alternatives, at most four, best first; shared between messages, never changed. */
  top: readonly TermAlternative[];
  /** Weight before the context scale. */
  weight: number;
}

/**
 * Bound of the per-index cache of resolved words. Typo look-ups cost most of the matching
 * of a message and the same words come back all day; a flood of unique words clears it.
 */
const resolvedCacheLimit = 20_000;
/** Longer keys (pasted junk, 16,000-letter "words") are not kept: they never come back. */
const resolvedKeyMaxLength = 80;

/** Per index, per stemmer and dictionary (the matcher always passes the same ones). */
const resolvedCaches = new WeakMap<
  FaqIndex,
  { stem: Stemmer; dictionary: SpellingDictionary | undefined; words: Map<string, ResolvedWord> }[]
>();

function resolvedCache(
  index: FaqIndex,
  stem: Stemmer,
  dictionary: SpellingDictionary | undefined,
): Map<string, ResolvedWord> {
  let list = resolvedCaches.get(index);
  if (!list) resolvedCaches.set(index, (list = []));
  let found = list.find((c) => c.stem === stem && c.dictionary === dictionary);
  if (!found) list.push((found = { stem, dictionary, words: new Map() }));
  return found.words;
}

/** The alternatives and weight of one word: depends on the word, its stem and the index only. */
function resolveWord(
  index: FaqIndex,
  token: Token,
  stem: Stemmer,
  dictionary: SpellingDictionary | undefined,
): ResolvedWord {
  const alternatives: TermAlternative[] = [];
  if (index.idf.has(token.stem)) {
    alternatives.push({ stem: token.stem, similarity: 1 });
    prefixAlternatives(index, token.stem, knownPrefixMinLength, alternatives);
  } else {
    fleetingVowel(index, token.stem, alternatives);
    prefixAlternatives(index, token.stem, 4, alternatives);
    typoAlternatives(index, token, stem, dictionary, alternatives);
    prefixDerivations(index, token.stem, alternatives);
  }
  alternatives.sort((a, b) => b.similarity - a.similarity);
  const top = alternatives.slice(0, 4);
  const weight =
    top.length > 0
      ? Math.max(...top.map((alt) => index.idf.get(alt.stem) ?? 0))
      : index.maxIdf * (looksLikeVerb(token.word) ? unknownVerbShare : 1);
  for (const alt of top) Object.freeze(alt);
  return { top: Object.freeze(top), weight };
}

/**
 * Resolves the content words of a message: the exact stem when the base knows it,
 * otherwise prefix relatives and typo corrections. Words the base does not know at all
 * keep the weight of the rarest stem, so a message about something else scores low;
 * unknown numbers and proper names (`isName`) are left out. Each word's resolution is
 * cached per index (`resolveWord`); what depends on the message (names, context) is not.
 */
export function resolveTerms(
  index: FaqIndex,
  tokens: Token[],
  stem: Stemmer,
  isName: (word: string) => boolean = () => false,
  dictionary?: SpellingDictionary,
): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const cache = resolvedCache(index, stem, dictionary);
  for (const token of tokens) {
    if (token.stop || token.word.length < 2 || seen.has(token.stem)) continue;
    seen.add(token.stem);
    // A proper name ("живём в Верхней Пышме") counts only when the base uses it as it is: its
    // look-alikes are other words.
    if (!index.idf.has(token.stem) && isName(token.word)) continue;
    const key = `${token.word}\u0000${token.stem}`;
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = resolveWord(index, token, stem, dictionary);
      if (key.length <= resolvedKeyMaxLength) {
        if (cache.size >= resolvedCacheLimit) cache.clear();
        cache.set(key, resolved);
      }
    }
    const { top, weight } = resolved;
    // Unknown numbers, codes ("р66") and proper names say nothing about the question.
    if (top.length === 0 && (/\d/.test(token.word) || isName(token.word))) continue;
    const scale = (contextWeights.get(token.word) ?? 1) * (token.context ? contextClauseShare : 1);
    terms.push({
      word: token.word,
      stem: token.stem,
      weight: weight * scale,
      alternatives:
        scale === 1
          ? (top as TermAlternative[])
          : top.map((alt) => ({ ...alt, similarity: alt.similarity * scale })),
    });
  }
  return terms;
}
