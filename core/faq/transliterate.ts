/**
 * Latin-script Russian: messages typed in transliteration ("kak poluchit sertifikat") or
 * with the keyboard left in the Latin layout ("rfr gjkexbnm" for "как получить").
 */

const multiLetter: [string, string][] = [
  ["shch", "щ"],
  ["tsya", "тся"],
  ["tsia", "тся"],
  ["sch", "щ"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["ts", "ц"],
  ["tz", "ц"],
  ["yu", "ю"],
  ["ju", "ю"],
  ["iu", "ю"],
  ["ya", "я"],
  ["ja", "я"],
  ["ia", "я"],
  ["yo", "е"],
  ["jo", "е"],
  ["ye", "е"],
  ["je", "е"],
  ["iy", "ий"],
  ["yy", "ый"],
  ["ii", "ий"],
  ["ou", "у"],
];

const singleLetter: Record<string, string> = {
  a: "а",
  b: "б",
  c: "к",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  h: "х",
  i: "и",
  j: "й",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  q: "к",
  r: "р",
  s: "с",
  t: "т",
  u: "у",
  v: "в",
  w: "в",
  x: "кс",
  y: "ы",
  z: "з",
  "'": "ь",
};

/** Converts one Latin-transliterated word to Cyrillic (longest rule first). */
function transliterateWord(word: string): string {
  let out = "";
  let i = 0;
  while (i < word.length) {
    const rule = multiLetter.find(([latin]) => word.startsWith(latin, i));
    if (rule) {
      out += rule[1];
      i += rule[0].length;
      continue;
    }
    const ch = word.charAt(i);
    // "y" between a vowel and a consonant or at a word end after a vowel reads as "й".
    if (ch === "y" && i > 0 && /[aeiou]/.test(word.charAt(i - 1))) out += "й";
    else out += singleLetter[ch] ?? ch;
    i += 1;
  }
  return out;
}

/**
 * Transliterates the Latin words of a lower-cased text to Cyrillic (a practical mix of
 * the common informal schemes; typo tolerance in the matcher absorbs the differences).
 */
export function transliterateToCyrillic(text: string): string {
  return text.replace(/[a-z']+/g, (word) => transliterateWord(word));
}

const latinKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const cyrillicKeys = "йцукенгшщзхъфывапролджэячсмитьбюё";
const layoutMap = new Map([...latinKeys].map((key, i) => [key, cyrillicKeys.charAt(i)]));

/**
 * Re-reads text typed with the keyboard in the Latin (QWERTY) layout as the Russian
 * (ЙЦУКЕН) keys it was meant for. Only letters and the punctuation keys that carry Russian
 * letters are mapped; the caller decides whether the result is more plausible.
 */
export function switchKeyboardLayout(text: string): string {
  let out = "";
  for (const ch of text) out += layoutMap.get(ch) ?? ch;
  return out;
}

/** True when most letters of the text are Latin: a candidate for the two fixes above. */
export function isMostlyLatin(text: string): boolean {
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  const cyrillic = text.match(/[а-яё]/gi)?.length ?? 0;
  return latin > 0 && latin > cyrillic * 2;
}
