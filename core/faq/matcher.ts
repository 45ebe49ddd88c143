import { createNgramScorer, type NgramScorer } from "./char-ngrams.js";
import {
  confidence,
  confidenceFeatures,
  defaultConfidenceModel,
  secondOpinionDepth,
  type ConfidenceModel,
  type RankedEntry,
} from "./confidence.js";
import { asksOnItsOwn, splitClauses } from "./clauses.js";
import { buildFaqIndex, singleEntryIdf, type FaqIndex } from "./faq-index.js";
import type { FaqCandidate, FaqEntryInput, FaqMatch } from "./faq-types.js";
import {
  learnedClassifier,
  learnedFeatures,
  learnedStateSteps,
  type LearnedClassifier,
  type LearnedState,
  type LearnedOpinion,
  type TrainingExample,
} from "./learned-classifier.js";
import {
  answers,
  mergeOffers,
  overrides,
  type LearnedThresholds,
  type RejectingOverride,
} from "./learned-decision.js";
import { defaultLexicon, type Lexicon } from "./lexicon.js";
import { runSteps, type Steps } from "./steps.js";
import { normalizeText } from "./normalize.js";
import { detectByPattern, detectByTokens } from "./out-of-scope.js";
import { rejoinWords, type Vocabulary } from "./rejoin.js";
import { resolveTerms, type QueryTerm } from "./resolve-terms.js";
import { createEntryScorer, type EntryScore } from "./score-entries.js";
import { russianDictionary, type SpellingDictionary } from "../language/spelling-dictionary.js";
import { createStemmer, type Stemmer } from "./stem.js";
import { stopWords } from "./stop-words.js";
import { tokenize, type Token } from "./tokenize.js";
import { shippedExamplesFor } from "./example-labels.js";
import { organizerCategory, speaksAsOrganizer } from "./speaker-role.js";
import { questionParts, type QuestionPart } from "./two-questions.js";
import { isMostlyLatin, switchKeyboardLayout, transliterateToCyrillic } from "./transliterate.js";
import { foldCase, foldYo, spokenPunctuation } from "./normalize.js";

/** Decision settings; the defaults come from calibration (see `calibrate.ts`). */
export interface FaqMatcherOptions {
  /** Minimum estimated probability that the best entry is right, to answer. */
  threshold?: number;
  /** The fitted confidence model. */
  model?: ConfidenceModel;
  /**
   * Below the threshold, a runner-up within this share of the best score makes the
   * reason "ambiguous" rather than "low_confidence" (it does not change the decision).
   */
  ambiguityMargin?: number;
  /**
   * When escalating, entries whose own estimated probability of being right reaches this
   * are offered as likely answers (see `FaqMatch.offers`).
   */
  offerThreshold?: number;
  /**
   * Tells real words from misspelt ones (`spelling-dictionary.ts`); null turns spelling
   * correction back to the knowledge base's words and keyboard heuristics alone.
   */
  dictionary?: SpellingDictionary | null;
  /**
   * Labelled messages the learned classifier trains on besides the base's own question and
   * phrasings (`learned-classifier.ts`); by default the shipped tuning examples
   * (`tuning-examples.ts`), relabelled for a base of other ids (`example-labels.ts`). Null turns the classifier off: the heuristic decides alone.
   */
  examples?: readonly TrainingExample[] | null;
  /**
   * The thresholds of the decision with the learned classifier (`learned-decision.ts`) when
   * it learnt the best entry from labelled messages; `threshold` is then unused.
   */
  taught?: LearnedThresholds;
  /** The same when it knows the best entry only by the base's own texts. */
  untaught?: LearnedThresholds;
  /** The model's probability for an entry of its own to be offered with a ticket. */
  learnedOfferThreshold?: number;
  /**
   * The model's probability to answer an entry it learnt from labelled messages when it
   * names another entry than the matcher's best (`overrides`); 2: never.
   */
  learnedOverride?: number;
  /**
   * The model answers against the ranking only an entry the message's words rank within
   * this many (`overrides`); Infinity: wherever they rank it.
   */
  overrideRank?: number;
  /**
   * The model answers against the ranking below `learnedOverride` too when it turns the
   * ranking's first down (`overrides`); a probability of 2: never.
   */
  rejectingOverride?: RejectingOverride;
}

/** The matcher's full working on one message, for operators' tools and calibration. */
export interface FaqExplanation {
  normalized: string;
  outOfScope?: FaqMatch["outOfScope"];
  terms: QueryTerm[];
  /** Entries best first (empty for out-of-scope messages). */
  scores: (RankedEntry & { id: string })[];
}

/** A matcher built once from the published entries; `match` is synchronous and fast. */
export interface FaqMatcher {
  match(text: string): FaqMatch;
  /** The ranking behind `match`, with every score and resolved word. */
  explain(text: string): FaqExplanation;
  /** The entry with this id, as given to the matcher. */
  entry(id: string): FaqEntryInput | undefined;
  readonly size: number;
  /**
   * The training of its learned classifier on these examples, step by step (it pauses
   * every few messages: `runSliced` trains without holding the event loop); undefined
   * when there is nothing to learn (no examples, or a base too large).
   */
  learningSteps(examples: readonly TrainingExample[] | null): Steps<LearnedState | undefined>;
  /** The same matcher (sharing its index) deciding with this trained classifier, or without one. */
  withLearned(state: LearnedState | undefined): FaqMatcher;
}

/**
 * The thresholds come from leave-one-set-out cross-validation over dev.jsonl and the
 * tuning sets, untouched-1 included (`npm run faq -- crossval`, `cross-validate.ts`;
 * chosen on all sets, each read by a classifier trained without it; a wrong answer counts
 * as three escalations). Without a classifier: answer at 75%. With one that learnt the
 * best entry from labelled messages (`taught`, chosen on the thirteen tuning sets,
 * personas-a to -f included): answer when it names the best entry at 45% or more (85% when
 * the words matched are too few for the heuristic), or when the heuristic is 95% sure and
 * the classifier gives the entry 20% or more. For an entry it knows only by the base's
 * texts (`untaught`, chosen with `--phrasings-only`: a base with other ids than the tuning
 * sets'): 55%, 80%, or the heuristic at 75%. Below that, offer the heuristic's entries
 * rated 10% or more and the classifier's rated 5% or more, the ones both propose first, at
 * most three. The folds' choices of the classifier's threshold spread from 0.45 to 0.7:
 * the figures are flat there. When the classifier names another entry than the
 * heuristic's best, one it learnt from labelled messages, at 90% or more, it answers that
 * entry (`learnedOverride`), wherever the words rank it (`overrideRank`: every fold chose
 * no guard); at 75% already when it gives the heuristic's best 5% or less
 * (`rejectingOverride`: every fold chose it, at 0.6 to 0.75; +0.011 correct, +0.002 wrong
 * pooled over the thirteen sets).
 */
export const defaultMatcherOptions: Settings = {
  threshold: 0.75,
  model: defaultConfidenceModel,
  ambiguityMargin: 0.15,
  offerThreshold: 0.1,
  dictionary: russianDictionary(),
  taught: { threshold: 0.95, learnedThreshold: 0.45, learnedSupport: 0.2, learnedAlone: 0.85 },
  untaught: { threshold: 0.75, learnedThreshold: 0.55, learnedSupport: 0, learnedAlone: 0.8 },
  learnedOfferThreshold: 0.05,
  learnedOverride: 0.9,
  overrideRank: Number.POSITIVE_INFINITY,
  rejectingOverride: { probability: 0.75, forBest: 0.05 },
};

type Settings = Required<Omit<FaqMatcherOptions, "examples">>;

/**
 * Above this many entries the learned classifier is not trained: its training time grows
 * with entries times examples, and a base that large has no tuning examples of its own
 * beyond its phrasings. The heuristic decides alone there.
 */
export const learnedEntryLimit = 1_000;

/** At most this many likely answers are offered with a ticket. */
export const offerLimit = 3;

/**
 * The best entry must match at least this share of one distinctive word (the idf of a
 * word used by a single entry): generic words alone ("снова этот сайт") never answer.
 */
const minimumEvidence = 0.7;

/** The score an entry of a base of `entries` needs to be answered (see `minimumEvidence`). */
export const answerEvidence = (entries: number) => minimumEvidence * singleEntryIdf(entries);

/**
 * An offered button needs less: "как тут регаться" names its topic with one word several
 * entries share, too little to answer, enough to offer the entries about it.
 */
const offerEvidence = 0.5;

/**
 * The matcher reads at most this many characters of a message. A question the base
 * answers is a sentence or two (the longest of the benchmark and tuning sets is under 400
 * characters), while Telegram and VK deliver up to 4,096 characters a message and pasted
 * texts run longer; reading them whole costs time that grows with the text, for a
 * decision the first lines already make. Only the decision is taken on the beginning: the
 * ticket keeps the whole message, and agents see it all.
 */
export const matchedLength = 1_000;

/** The beginning of a message the matcher decides on, cut before a word it would split. */
export function matchedPart(text: string): string {
  if (text.length <= matchedLength) return text;
  const cut = text.slice(0, matchedLength);
  const space = cut.search(/\s\S*$/u);
  return space > 0 ? cut.slice(0, space) : cut;
}

/** How many ranked entries `explain` returns. */
const explainLimit = 10;

interface Analysis {
  normalized: string;
  tokens: Token[];
  terms: QueryTerm[];
  /** The actions the message asks for (see `faq-lexicon.yaml`). */
  actions: Set<string>;
  /** The message speaks as an organisation (`speaker-role.ts`) to a base with entries for them. */
  organizer?: boolean;
}

/**
 * Builds the FAQ matcher: normalisation, out-of-scope detection in front, then an
 * idf-weighted similarity over canonical stems with typo tolerance, and a decision that
 * answers only when the best entry is both strong and clearly ahead of the runner-up.
 */
export function createFaqMatcher(
  entries: readonly FaqEntryInput[],
  options: FaqMatcherOptions = {},
): FaqMatcher {
  const { examples: given, ...rest } = options;
  const settings: Settings = { ...defaultMatcherOptions, ...rest };
  const stem = createStemmer();
  const index = buildFaqIndex(entries, stem);
  const scoreEntries = createEntryScorer(index);
  const ngrams = createNgramScorer(index.ngrams);
  const lexicon = defaultLexicon();
  const entryActions = entries.map((entry) =>
    actionsOf(lexicon, stem, [entry.question, ...entry.keywords]),
  );
  const hasOrganizerEntries = index.entryCategories.includes(organizerCategory);
  const rank = (analysis: Analysis, limit: number) => {
    const organizer = analysis.organizer === true;
    const ranked = withConflicts(
      lexicon,
      entryActions,
      analysis,
      withNgrams(
        ngrams,
        analysis,
        scoreEntries(analysis.terms, organizer ? limit + roleDepth : limit),
      ),
    );
    return organizer ? forOrganizers(index, ranked).slice(0, limit) : ranked;
  };
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const dictionary = settings.dictionary ?? undefined;
  const vocabulary: Vocabulary = {
    knows: (word, wordStem) => index.idf.has(wordStem) || index.wordStem.has(word),
    hasWord: (word) => index.wordStem.has(word),
  };
  const terms = (text: string) => {
    const spoken = spokenPunctuation(matchedPart(text));
    return analyse(lexicon, index, vocabulary, stem, dictionary, spoken, normalizeText(spoken))
      .terms;
  };
  const learningSteps = (examples: readonly TrainingExample[] | null) =>
    examples === null || entries.length > learnedEntryLimit
      ? noSteps()
      : classifierSteps(entries, examples, terms);
  /** The decision on one asked part of a message, or undefined for a part that asks nothing. */
  const decidePart = ({ text: part, asks }: QuestionPart): PartDecision | undefined => {
    if (!asks && !splitClauses(part).some((clause) => clause.question)) return undefined;
    const analysis = analyse(
      lexicon,
      index,
      vocabulary,
      stem,
      dictionary,
      part,
      normalizeText(part),
    );
    analysis.organizer = hasOrganizerEntries && speaksAsOrganizer(analysis.normalized);
    // A follow-up ("как это проверить?", "мастер-классы только?") leans on the question
    // before it; a part that asks on its own ("и когда набор в футбол?") is a question even
    // when the base knows none of its words, and one known word names its entry only when
    // the matcher is sure of it.
    const known = analysis.terms.filter((term) => term.alternatives.length > 0).length;
    const asksAlone = asksOnItsOwn(part);
    // "куда идти" asks on its own too, but with one word it leans on the rest.
    const ownQuestion = asksAlone && analysis.terms.length >= partKnownWords;
    if (known === 0)
      return ownQuestion
        ? {
            decision: "escalate",
            reason: "low_confidence",
            normalized: analysis.normalized,
            sure: false,
            ownQuestion,
          }
        : undefined;
    if (known < partKnownWords && !asksAlone) return undefined;
    const decided = decide(index, analysis, rank(analysis, secondOpinionDepth), settings);
    const needed = known < partKnownWords ? shortPartConfidence : partConfidence;
    return { ...decided, sure: (decided.confidence ?? 0) >= needed, ownQuestion };
  };
  const withClassifier = (learned: LearnedClassifier | undefined): FaqMatcher => ({
    size: entries.length,
    entry: (id) => byId.get(id),
    learningSteps,
    withLearned: (state) => withClassifier(state && learnedClassifier(state)),
    match(whole) {
      const text = spokenPunctuation(matchedPart(whole));
      const plain = normalizeText(text);
      const byPattern = detectByPattern(text, plain);
      if (byPattern && !offeredDespite.has(byPattern)) return outOfScope(byPattern, plain);
      const analysis = analyse(lexicon, index, vocabulary, stem, dictionary, text, plain);
      analysis.organizer = hasOrganizerEntries && speaksAsOrganizer(analysis.normalized);
      if (byPattern) {
        // A complaint or a personal case goes to a person, but its topic is often one the
        // base explains: the ticket opens with the likely entries next to it.
        const offers = likelyEntries(index, analysis, rank(analysis, offerLimit), settings);
        return {
          ...outOfScope(byPattern, analysis.normalized),
          ...(offers.length ? { offers } : {}),
        };
      }
      const byTokens = detectSmallTalk(analysis, text);
      if (byTokens) return outOfScope(byTokens, analysis.normalized);
      const ranked = rank(analysis, secondOpinionDepth);
      const opinion = learned?.opinion(analysis.terms, index.entryIds[ranked[0]?.entry ?? -1]);
      const decision = decide(index, analysis, ranked, settings, opinion);
      const parts = questionParts(text);
      if (parts.length < 2) return decision;
      return oneOfTwo(decision, parts.map(decidePart));
    },
    explain(whole) {
      const text = spokenPunctuation(matchedPart(whole));
      const plain = normalizeText(text);
      const byPattern = detectByPattern(text, plain);
      if (byPattern) return { normalized: plain, outOfScope: byPattern, terms: [], scores: [] };
      const analysis = analyse(lexicon, index, vocabulary, stem, dictionary, text, plain);
      analysis.organizer = hasOrganizerEntries && speaksAsOrganizer(analysis.normalized);
      const byTokens = detectSmallTalk(analysis, text);
      const scores = byTokens ? [] : rank(analysis, explainLimit);
      return {
        normalized: analysis.normalized,
        ...(byTokens ? { outOfScope: byTokens } : {}),
        terms: analysis.terms,
        scores: scores.map((score) => ({ ...score, id: index.entryIds[score.entry] ?? "" })),
      };
    },
  });
  if (given === null) return withClassifier(undefined);
  // The shipped examples carry the benchmark base's ids; another base (the production one)
  // learns from those its entries answer too (`example-labels.ts`).
  const state = runSteps(learningSteps(given ?? shippedExamplesFor(byId.keys())));
  return withClassifier(state && learnedClassifier(state));
}

/** Nothing to learn: done at the first step. */
function* noSteps(): Steps<undefined> {
  yield* [];
  return undefined;
}

/** The actions (get, cancel, change, …) that texts ask for, by the lexicon. */
function actionsOf(lexicon: Lexicon, stem: Stemmer, texts: string[]): Set<string> {
  const actions = new Set<string>();
  for (const text of texts) {
    const normalized = normalizeText(text);
    addActions(lexicon, tokenize(normalized, stem), normalized, actions);
  }
  return actions;
}

function addActions(lexicon: Lexicon, tokens: Token[], normalized: string, into: Set<string>) {
  for (const token of tokens)
    if (!token.stop && !token.context)
      for (const action of lexicon.actionsOf(token.stem)) into.add(action);
  if (lexicon.refuses(normalized)) into.add(refusal);
}

/** The action a refusal ("не хочу", "больше не нужен") asks for. */
const refusal = "cancel";

/**
 * An entry about the opposite action ("как отчислить" for "как оформить") keeps only
 * this share of its score and coverage: the topic matches, the request does not.
 */
const conflictShare = 0.6;

/** Actions that undo or alter something: an entry about them is what such a message needs. */
const undoing = new Set(["cancel", "delete", "change"]);

/** An entry silent about the undoing action asked for keeps this share. */
const silentShare = 0.85;

/**
 * Lowers the entries whose action conflicts with the message's: the message asks for one
 * action, the entry is about one that excludes it, and neither mentions the other's.
 */
function withConflicts(
  lexicon: Lexicon,
  entryActions: Set<string>[],
  analysis: Analysis,
  scores: RankedEntry[],
): RankedEntry[] {
  const asked = analysis.actions;
  if (asked.size === 0) return scores;
  let changed = false;
  for (const score of scores) {
    const offered = entryActions[score.entry];
    if (!offered) continue;
    const clash = [...asked].some(
      (a) => !offered.has(a) && [...offered].some((b) => !asked.has(b) && lexicon.conflict(a, b)),
    );
    // "Отменить бронь" between "как забронировать" and "как отменить бронь": an entry
    // silent about an undoing action the message asks for, while a rival is about it.
    const silent =
      !clash &&
      [...asked].some(
        (a) =>
          undoing.has(a) &&
          !offered.has(a) &&
          scores.some((other) => entryActions[other.entry]?.has(a) ?? false),
      );
    if (!clash && !silent) continue;
    const share = clash ? conflictShare : silentShare;
    score.score *= share;
    score.coverage *= share;
    changed = true;
  }
  return changed ? scores.sort((a, b) => b.score - a.score) : scores;
}

/** How many more entries an organiser's message ranks, so organisers' entries can rise. */
const roleDepth = 6;

/**
 * An organiser writing by mistake (`speaker-role.ts`) asks about the organisers' side:
 * entries written for parents keep only this share of their score and coverage.
 */
const otherRoleShare = 0.6;

function forOrganizers(index: FaqIndex, scores: RankedEntry[]): RankedEntry[] {
  for (const score of scores)
    if (index.entryCategories[score.entry] !== organizerCategory) {
      score.score *= otherRoleShare;
      score.coverage *= otherRoleShare;
    }
  return scores.sort((a, b) => b.score - a.score);
}

/** Adds the n-gram cosine of the message to the best few entries of a ranking. */
function withNgrams(ngrams: NgramScorer, analysis: Analysis, scores: RankedEntry[]): RankedEntry[] {
  if (scores.length === 0) return scores;
  const words: string[] = [];
  for (const token of analysis.tokens)
    if (!token.stop && token.word.length > 1) words.push(token.word);
  const head: number[] = [];
  for (let i = 0; i < scores.length && i < secondOpinionDepth; i++)
    head.push(scores[i]?.entry ?? 0);
  const cosines = ngrams(words, head);
  // The scores are fresh objects of this ranking: the cosine is written onto them.
  cosines.forEach((cosine, i) => {
    const score = scores[i];
    if (score) score.ngram = cosine;
  });
  return scores;
}

function detectSmallTalk(analysis: Analysis, raw: string): FaqMatch["outOfScope"] {
  const known = new Set(analysis.terms.filter((t) => t.alternatives.length > 0).map((t) => t.word));
  return detectByTokens(
    analysis.tokens,
    (token) => known.has(token.word),
    () => splitClauses(raw).some((clause) => clause.question),
  );
}

/** Out-of-scope kinds that still get likely answers offered with their ticket. */
const offeredDespite = new Set<FaqMatch["outOfScope"]>(["complaint", "case_specific"]);

/**
 * An asked part counts as a question of its own when the matcher is at least this sure of
 * its best entry on its own.
 */
const partConfidence = 0.5;

/**
 * One asked part's decision: whether it is sure enough of its best entry to count it as
 * the part's own, and whether the part asks on its own (`asksOnItsOwn`).
 */
type PartDecision = FaqMatch & { sure: boolean; ownQuestion: boolean };

/** …and when it has at least this many words the base knows. */
const partKnownWords = 2;

/** A part with one known word must be this sure of its entry (see `decidePart`). */
const shortPartConfidence = 0.8;

/**
 * Two questions in one message (`two-questions.ts`): when two asked parts are each about a
 * different entry, answering with one entry would leave the other question unanswered, so
 * the message escalates and both entries are offered, each part's best first.
 */
function oneOfTwo(whole: FaqMatch, parts: (PartDecision | undefined)[]): FaqMatch {
  const bests: FaqCandidate[] = [];
  for (const part of parts)
    if (part?.best && part.sure)
      if (!bests.some((best) => best.id === part.best?.id))
        bests.push({ ...part.best, confidence: part.confidence ?? 0 });
  if (bests.length < 2) return unansweredPart(whole, parts) ? withUnanswered(whole) : whole;
  const offers = [...bests];
  for (const offer of whole.offers ?? [])
    if (!offers.some((o) => o.id === offer.id)) offers.push(offer);
  if (whole.decision === "answer" && whole.best && !offers.some((o) => o.id === whole.best?.id))
    offers.push({ ...whole.best, confidence: whole.confidence ?? 0 });
  return {
    ...whole,
    decision: "escalate",
    reason: "ambiguous",
    offers: offers.slice(0, offerLimit),
    questions: bests.length,
  };
}

/**
 * A second question the base has no entry for ("…есть ли приложение? и когда набор в
 * футбол?"): an asked part of its own, about another entry than the answer and unsure of
 * it. Answering the first question would leave it unanswered.
 */
function unansweredPart(whole: FaqMatch, parts: (PartDecision | undefined)[]): boolean {
  return parts.some(
    (part) =>
      part !== undefined && part.ownQuestion && !part.sure && part.best?.id !== whole.best?.id,
  );
}

function withUnanswered(whole: FaqMatch): FaqMatch {
  // Marked even when the matcher escalates anyway, so that cross-validation's replay at
  // other thresholds (`cross-validate.ts`) never answers it either.
  if (whole.decision !== "answer") return { ...whole, questions: 2 };
  const offers: FaqCandidate[] = whole.best
    ? [{ ...whole.best, confidence: whole.confidence ?? 0 }]
    : [];
  return { ...whole, decision: "escalate", reason: "ambiguous", offers, questions: 2 };
}

function outOfScope(kind: FaqMatch["outOfScope"], normalized: string): FaqMatch {
  return { decision: "escalate", reason: "out_of_scope", outOfScope: kind, normalized };
}

/**
 * Normalises and resolves the message; a message typed in Latin letters is also read as
 * transliteration and as a wrong keyboard layout, and the reading with the most known
 * words wins.
 */
function analyse(
  lexicon: Lexicon,
  index: FaqIndex,
  vocabulary: Vocabulary,
  stem: Stemmer,
  dictionary: SpellingDictionary | undefined,
  raw: string,
  plain: string,
): Analysis {
  const readings: Reading[] = [readClauses(raw, plain, stem)];
  if (isMostlyLatin(plain)) {
    const folded = foldCase(raw);
    const transliterated = transliterateToCyrillic(folded);
    readings.push(readClauses(transliterated, normalizeText(transliterated), stem));
    const switched = normalizeText(switchKeyboardLayout(folded));
    readings.push({ normalized: switched, tokens: tokenize(switched, stem) });
  }
  const names = properNames(raw);
  let best: Analysis | undefined;
  let bestKnown = -1;
  for (const reading of readings) {
    const normalized = reading.normalized;
    const tokens = rejoinWords(reading.tokens, vocabulary, stem);
    const terms = resolveTerms(index, tokens, stem, (word) => names.has(word), dictionary);
    const known =
      tokens.filter((t) => stopWords.has(t.word)).length +
      terms.filter((t) => t.alternatives.some((alt) => alt.similarity === 1)).length;
    if (known > bestKnown) {
      best = { normalized, tokens, terms, actions: new Set() };
      bestKnown = known;
    }
  }
  if (!best) return { normalized: plain, tokens: [], terms: [], actions: new Set() };
  addActions(lexicon, best.tokens, best.normalized, best.actions);
  // A misspelt action ("атменить") asks for it as much as a well-spelt one.
  for (const term of best.terms)
    if (term.stem !== term.alternatives[0]?.stem && (term.alternatives[0]?.similarity ?? 0) >= 0.85)
      for (const action of lexicon.actionsOf(term.alternatives[0]?.stem ?? ""))
        best.actions.add(action);
  return best;
}

interface Reading {
  normalized: string;
  tokens: Token[];
}

/**
 * Tokenises a message clause by clause. When the clauses that ask have two or more
 * content words, the words found only in the other clauses are marked as context.
 */
function readClauses(text: string, normalized: string, stem: Stemmer): Reading {
  const clauses = splitClauses(text);
  if (clauses.length < 2 || clauses.some((clause) => clause.refersBack))
    return { normalized, tokens: tokenize(normalized, stem) };
  const parts = clauses.map((clause) => {
    const tokens = tokenize(normalizeText(clause.text), stem);
    return { tokens, question: clause.question };
  });
  const focus = new Set<string>();
  for (const part of parts)
    if (part.question) for (const token of part.tokens) if (!token.stop) focus.add(token.stem);
  // One asking word ("…, что оформить?") leans on the context; two or more stand alone.
  const asks = focus.size >= 2 && parts.some((part) => !part.question);
  const tokens = parts.flatMap((part) =>
    part.tokens.map((token) =>
      asks && !part.question && !token.stop && !focus.has(token.stem)
        ? { ...token, context: true }
        : token,
    ),
  );
  return { normalized, tokens };
}

/**
 * Words written with a capital letter inside a sentence ("в Серове", "студия «Радуга»"):
 * place and organisation names, which the base cannot know and which must not count as
 * an unknown topic.
 */
function properNames(raw: string): Set<string> {
  const names = new Set<string>();
  for (const match of raw.matchAll(/(?<=[\p{L}\p{N},:;«"'(-]\s*|[«"'(])([А-ЯЁ][а-яё]+)/gu))
    names.add(foldYo(match[1]?.toLowerCase() ?? ""));
  return names;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function candidate(index: FaqIndex, terms: QueryTerm[], score: EntryScore): FaqCandidate {
  return {
    id: index.entryIds[score.entry] ?? "",
    score: Math.round(score.score * 1000) / 1000,
    coverage: Math.round(score.coverage * 1000) / 1000,
    matchedTerms: score.matched.map((q) => {
      const term = terms[q];
      return term ? (term.word === term.stem ? term.word : `${term.word}~${term.stem}`) : "";
    }),
  };
}

function decide(
  index: FaqIndex,
  analysis: Analysis,
  scores: RankedEntry[],
  settings: Settings,
  learned?: LearnedOpinion,
): FaqMatch {
  const [first, second] = scores;
  const normalized = analysis.normalized;
  if (!first) return { decision: "escalate", reason: "low_confidence", confidence: 0, normalized };
  const features = confidenceFeatures(scores, analysis.terms);
  const sure = round(confidence(settings.model, features));
  const base = {
    best: candidate(index, analysis.terms, first),
    ...(second ? { runnerUp: candidate(index, analysis.terms, second) } : {}),
    confidence: sure,
    normalized,
    ...(learned ? { learned } : {}),
  };
  const enough = first.score >= minimumEvidence * index.maxIdf;
  const held = withheld(index, analysis, first.entry);
  if (!held && answers(base.best.id, sure, enough, learned, thresholdsFor(settings, learned)))
    return { decision: "answer", reason: "confident", ...base };
  const learnedRank = held
    ? undefined
    : rankOfLearned(index, analysis, scores, base.best.id, learned);
  // `overrideRank` can restrict this to an entry the message's own words rank near the top;
  // replayed by cross-validation, the guard cost more right answers than wrong ones it saved.
  const overriding = overrides(
    base.best.id,
    learned,
    settings.learnedOverride,
    learnedRank,
    settings.overrideRank,
    settings.rejectingOverride,
  );
  const ranked = scores.find((score) => index.entryIds[score.entry] === overriding);
  if (learned && overriding !== undefined) {
    // The model is sure of another entry than the ranking's first: it answers that entry,
    // with its own probability as the confidence; the ranking's first becomes the runner-up.
    return {
      decision: "answer",
      reason: "confident",
      ...base,
      best: ranked
        ? candidate(index, analysis.terms, ranked)
        : { id: overriding, score: 0, coverage: 0, matchedTerms: [] },
      runnerUp: base.best,
      confidence: learned.probability,
    };
  }
  const close =
    second !== undefined && first.score - second.score < settings.ambiguityMargin * first.score;
  const offers = mergeOffers(
    likelyEntries(index, analysis, scores, settings),
    learned,
    settings.learnedOfferThreshold,
    offerLimit,
  );
  return {
    decision: "escalate",
    reason: close || held ? "ambiguous" : "low_confidence",
    ...base,
    ...(learnedRank !== undefined ? { learnedRank } : {}),
    ...(offers.length > 0 ? { offers } : {}),
    ...(held ? { withheld: held } : {}),
  };
}

/**
 * Where the words rank the classifier's most probable entry, when it is another than the
 * best and may be answered (see `FaqMatch.learnedRank`).
 */
function rankOfLearned(
  index: FaqIndex,
  analysis: Analysis,
  scores: RankedEntry[],
  bestId: string,
  learned: LearnedOpinion | undefined,
): number | undefined {
  if (!learned || learned.id === null || learned.id === bestId) return undefined;
  const own = index.entryIds.indexOf(learned.id);
  if (own < 0 || withheld(index, analysis, own)) return undefined;
  const at = scores.findIndex((score) => score.entry === own);
  return at >= 0 ? at + 1 : scores.length + 1;
}

/** The thresholds that apply: the heuristic's own without a classifier (`answers`). */
function thresholdsFor(settings: Settings, learned: LearnedOpinion | undefined): LearnedThresholds {
  if (!learned) return { ...settings.untaught, threshold: settings.threshold };
  return learned.taught ? settings.taught : settings.untaught;
}

/**
 * Why a best entry, however confident, is offered rather than answered:
 * - "one_word": the message names one thing the base knows ("сертификат", "а пароль?")
 *   and asks nothing about it; a parent saying one word may want any of its entries;
 * - "other_role": an organisation speaks (`speaker-role.ts`) and the entry is written for
 *   parents: the words match, the situation does not.
 */
function withheld(
  index: FaqIndex,
  analysis: Analysis,
  first: number,
): FaqMatch["withheld"] | undefined {
  let known = 0;
  for (const term of analysis.terms) if (term.alternatives.length > 0) known++;
  if (known < 2) return "one_word";
  if (analysis.organizer && index.entryCategories[first] !== organizerCategory) return "other_role";
  return undefined;
}

/**
 * The entries worth offering: each of the best few is rated by the same model as if it
 * were ranked first (its own score, its lead over the others, its coverage), so an entry
 * is offered only when it is plausible on its own, not merely because it came second.
 */
function likelyEntries(
  index: FaqIndex,
  analysis: Analysis,
  scores: RankedEntry[],
  settings: Settings,
): FaqCandidate[] {
  const offers: FaqCandidate[] = [];
  for (let i = 0; i < scores.length && i < offerLimit; i++) {
    const entry = scores[i];
    if (!entry || entry.score < offerEvidence * index.maxIdf) continue;
    const ranking = [entry, ...scores.filter((_, j) => j !== i)];
    // Rounded before the comparison, as the best entry's confidence is (`decide`).
    const sure = round(confidence(settings.model, confidenceFeatures(ranking, analysis.terms)));
    if (sure >= settings.offerThreshold)
      offers.push({ ...candidate(index, analysis.terms, entry), confidence: sure });
  }
  return offers;
}

/**
 * Trains the learned classifier on the base's own question and phrasings and on the
 * examples of its entries (and the "needs a person" ones), each read as the matcher reads
 * a message (`terms`); reading them costs as much as training, so it pauses between them.
 */
function* classifierSteps(
  entries: readonly FaqEntryInput[],
  examples: readonly TrainingExample[],
  terms: (text: string) => QueryTerm[],
): Steps<LearnedState | undefined> {
  const ids = new Set(entries.map((entry) => entry.id));
  const samples: { features: string[]; entry: string | null; example?: boolean }[] = [];
  for (const entry of entries) {
    // The keywords together read as one more text: the entry's own vocabulary.
    for (const text of [entry.question, ...entry.phrasings, entry.keywords.join(" ")])
      samples.push({ features: learnedFeatures(terms(text)), entry: entry.id });
    yield;
  }
  for (const example of examples)
    if (example.entry === null || ids.has(example.entry)) {
      samples.push({
        features: learnedFeatures(terms(example.text)),
        entry: example.entry,
        example: true,
      });
      yield;
    }
  return yield* learnedStateSteps(
    entries.map((entry) => entry.id),
    samples,
  );
}
