import { checkEtiquette } from "../../core/etiquette/check-etiquette.js";
import { findConfidential } from "../../core/etiquette/confidential/find-confidential.js";
import { findAggression } from "../../core/etiquette/find-aggression.js";
import { findGenderAgeAddress } from "../../core/etiquette/find-gender-age-address.js";
import { findShouting } from "../../core/etiquette/find-shouting.js";
import { findSlang } from "../../core/etiquette/find-slang.js";
import { findProfanity } from "../../core/etiquette/profanity/find-profanity.js";
import { blankRanges } from "../../core/etiquette/text/blank-ranges.js";
import { findLinks } from "../../core/etiquette/text/find-links.js";
import { splitClauses } from "../../core/faq/clauses.js";
import { createFuzzyVocabulary } from "../../core/faq/fuzzy-vocabulary.js";
import { createFaqMatcher } from "../../core/faq/matcher.js";
import { normalizeText } from "../../core/faq/normalize.js";
import { rejoinWords } from "../../core/faq/rejoin.js";
import { createStemmer } from "../../core/faq/stem.js";
import { testEntries } from "../../core/faq/test-entries.js";
import { tokenize } from "../../core/faq/tokenize.js";
import { findCards } from "../../core/privacy/find-cards.js";
import { findEmails } from "../../core/privacy/find-emails.js";
import { findPassports } from "../../core/privacy/find-passports.js";
import { findPhones } from "../../core/privacy/find-phones.js";
import { findSnils } from "../../core/privacy/find-snils.js";
import { maskPersonalData } from "../../core/privacy/mask-personal-data.js";

/** One check of `bench:hostile`: a name and a call on the whole text. */
export type HostileCheck = (text: string) => unknown;

const stem = createStemmer();
const matcher = createFaqMatcher(testEntries);
const words = testEntries.flatMap((e) => normalizeText(`${e.question} ${e.answer}`).split(" "));
const known = new Set(words);
const fuzzy = createFuzzyVocabulary(known);
const vocabulary = {
  knows: (word: string) => known.has(word),
  hasWord: (word: string) => known.has(word),
};

/**
 * Every check the issue names, each on its own (as the code runs it) and the whole
 * pipelines (`checkEtiquette`, `maskPersonalData`, `faq match`) that run them together.
 */
export const hostileChecks: Readonly<Record<string, HostileCheck>> = {
  "etiquette: profanity": (t) => findProfanity(t),
  "etiquette: aggression": (t) => findAggression(t),
  "etiquette: slang": (t) => findSlang(t),
  "etiquette: gender/age address": (t) => findGenderAgeAddress(t),
  "etiquette: shouting": (t) => findShouting(t),
  "etiquette: links": (t) => findLinks(t),
  "etiquette: confidential": (t) => {
    const links = findLinks(t);
    return findConfidential(links, blankRanges(t, links), ["uso66.ru"]);
  },
  "etiquette: whole check": (t) => checkEtiquette(t, { internalDomains: ["uso66.ru"] }),
  "privacy: phones": (t) => findPhones(t),
  "privacy: e-mails": (t) => findEmails(t),
  "privacy: snils": (t) => findSnils(t),
  "privacy: passports": (t) => findPassports(t),
  "privacy: cards": (t) => findCards(t),
  "privacy: mask all": (t) => maskPersonalData(t),
  "faq: normalize": (t) => normalizeText(t),
  "faq: tokenize": (t) => tokenize(normalizeText(t), stem),
  "faq: rejoin": (t) => rejoinWords(tokenize(normalizeText(t), stem), vocabulary, stem),
  "faq: clauses": (t) => splitClauses(t),
  // Each distinct word once, as `resolveTerms` looks them up.
  "faq: fuzzy look-up": (t) =>
    [...new Set(normalizeText(t).split(" "))].map((w) => fuzzy.nearest(w, 2)),
  "faq: whole match": (t) => matcher.match(t),
};
