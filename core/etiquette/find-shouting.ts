import type { TextMatch } from "./etiquette-verdict.js";
import { knownAbbreviations } from "./lists/abbreviations.js";
import { distinctMatches } from "./text/distinct-matches.js";
import { unquote } from "./text/quoted-ranges.js";
import { shorten } from "./text/shorten.js";

/** Shouting starts when this share of the counted letters is in capitals... */
const CAPS_SHARE = 0.6;
/** ...and there are at least this many counted letters, so "ВНИМАНИЕ!" alone passes. */
const MIN_LETTERS = 12;
/** Words shorter than this are not counted ("В", "НЕ", "ДО"). */
const MIN_WORD = 3;

const ABBREVIATIONS = new Set(knownAbbreviations);
const VOWELS = /[аеёиоуыэюяaeiouy]/giu;
const SENTENCE = /[^.!?…\n]+/gu;
/** Only words long enough to count are cut out: "а а а …" costs no match per letter. */
const WORD = /\p{L}{3,}/gu;

/**
 * A reply, or a sentence of it, mostly in capitals. Abbreviations (ПФДО, СНИЛС, МФЦ),
 * short words and quoted names are not counted. Each sentence once, at most
 * `MAX_FINDINGS_PER_RULE` of them.
 */
export function findShouting(prose: string, text = unquote(prose)): TextMatch[] {
  const found = distinctMatches();
  let letters = 0;
  let caps = 0;
  for (const m of text.matchAll(SENTENCE)) {
    if (found.full) break;
    const count = countLetters(m[0]);
    letters += count.letters;
    caps += count.caps;
    if (isShouting(count.letters, count.caps))
      found.add({ index: m.index, text: shorten(prose.slice(m.index, m.index + m[0].length)) });
  }
  const sentences = found.sorted();
  // Several short sentences in capitals shout together ("ЖДИТЕ! НЕ ПИШИТЕ!").
  if (sentences.length === 0 && isShouting(letters, caps))
    return [{ index: 0, text: shorten(prose) }];
  return sentences;
}

function isShouting(letters: number, caps: number): boolean {
  return letters >= MIN_LETTERS && caps / letters >= CAPS_SHARE;
}

function countLetters(sentence: string): { letters: number; caps: number } {
  let letters = 0;
  let caps = 0;
  // No word to count fits: "б.л.я." is thousands of one-letter sentences.
  if (sentence.length < MIN_WORD) return { letters, caps };
  for (const [word] of sentence.matchAll(WORD)) {
    const inCaps = word === word.toUpperCase() && word !== word.toLowerCase();
    if (inCaps && isAbbreviation(word)) continue;
    letters += word.length;
    if (inCaps) caps += word.length;
  }
  return { letters, caps };
}

/** Listed ones, and short capital words with at most one vowel (ЦДЮТ, ГИБДД, УФМС). */
function isAbbreviation(word: string): boolean {
  if (ABBREVIATIONS.has(word)) return true;
  return word.length <= 5 && (word.match(VOWELS) ?? []).length <= 1;
}
