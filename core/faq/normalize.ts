/**
 * Text normalisation steps for parent messages, each exported on its own so tests and the
 * matcher can use them one by one. `normalizeText` applies them in a fixed order.
 */

/** Lower case with Unicode compatibility folding (full-width letters, ligatures). */
export function foldCase(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** "ё" and "е" are written interchangeably; the matcher treats them as one letter. */
export function foldYo(text: string): string {
  // Most texts have no "ё": two scans for a letter instead of two replacements.
  if (!text.includes("ё") && !text.includes("Ё")) return text;
  return text.replace(/ё/g, "е").replace(/Ё/g, "Е");
}

const emojiPattern = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/** Removes emoji (pictographs, flags, joiners and variation selectors). */
export function stripEmoji(text: string): string {
  return text.replace(emojiPattern, " ");
}

/**
 * Replaces every character that is not a letter or a digit with a space, so "спасибо!!!",
 * "мастер-класс" and "e-mail" split into plain words.
 */
export function stripPunctuation(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, " ");
}

/**
 * Collapses a letter repeated three or more times to one ("пароооль" -> "пароль"). Double
 * letters stay: Russian spells many words with them ("класс", "группа").
 */
export function squeezeRepeats(text: string): string {
  return mayRepeat(text) ? text.replace(/(\p{L})\1{2,}/gu, "$1") : text;
}

/**
 * Whether a character may repeat three times in a row: three equal code units, or any
 * surrogate (a letter outside the BMP repeats as a pair). Most texts have neither, and a
 * loop over code units costs far less than the pattern's back-reference at every letter.
 */
function mayRepeat(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return true;
    if (code === text.charCodeAt(i + 1) && code === text.charCodeAt(i + 2)) return true;
  }
  return false;
}

const latinLookalikes: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
};

/**
 * Inside a word that mixes Cyrillic and Latin letters, replaces the Latin look-alikes with
 * their Cyrillic twins ("cертификат" typed with a Latin "c").
 */
export function fixHomoglyphs(text: string): string {
  // Most messages have no Latin letter at all: one scan instead of a callback per word.
  if (!/[a-z]/i.test(text)) return text;
  return text.replace(/[\p{L}]+/gu, (word) => {
    if (!/[а-яё]/i.test(word) || !/[a-z]/i.test(word)) return word;
    return word.replace(/[a-z]/gi, (ch) => latinLookalikes[ch.toLowerCase()] ?? ch);
  });
}

const spokenMarks: [RegExp, string][] = [
  [/\s*(?<![\p{L}])вопросительн\p{L}*\s+знак\p{L}*(?![\p{L}])/giu, "?"],
  [/\s*(?<![\p{L}])восклицательн\p{L}*\s+знак\p{L}*(?![\p{L}])/giu, "!"],
  [/\s*(?<![\p{L}])запятая(?![\p{L}])/giu, ","],
];

/**
 * Voice input that dictates punctuation writes it as words ("…записаться запятая как это
 * сделать вопросительный знак"): they become the marks, so words and clauses are read as
 * meant.
 */
export function spokenPunctuation(text: string): string {
  if (!/знак|запятая/iu.test(text)) return text;
  let out = text;
  for (const [pattern, mark] of spokenMarks) out = out.replace(pattern, mark);
  return out;
}

/** Collapses runs of white space and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The whole pipeline: case, ё/е, emoji, look-alike letters, punctuation, repeated letters,
 * spaces. Transliteration and keyboard-layout fixes need the vocabulary and happen in the
 * matcher (see `transliterate.ts`).
 */
export function normalizeText(text: string): string {
  const folded = foldYo(foldCase(text));
  return collapseSpaces(squeezeRepeats(stripPunctuation(fixHomoglyphs(stripEmoji(folded)))));
}
