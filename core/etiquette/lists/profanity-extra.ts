/**
 * Obscene words the package dictionary (bad-words-next/lib/ru) lacks, in its own syntax:
 * "*" at the start means "after Russian prefixes", at the end "any ending", "+" repeats
 * the letter before it. Vowel-less abbreviations of mat are here too.
 */
export const extraProfanity: readonly string[] = [
  "мудак*",
  "мудач*",
  "мудил*",
  "мудозвон*",
  "*мудох*",
  "говн*",
  "жоп*",
  "хер",
  "хера",
  "херн*",
  "херов*",
  "*херач*",
  "нахер",
  "похер*",
  "хули",
  "*засран*",
  "*ебуч*",
  "*ебн*",
  "*ебыв*",
  "*ебош*",
  "*ебись",
  "*ебаш*",
  "*пизж*",
  "*пидор*",
  "*пидар*",
  "манда",
  "мандавошк*",
  "пзд*",
  "збс",
  "пох",
  "нах+",
];
