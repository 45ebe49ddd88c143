/** One knowledge-base entry as the matcher and the YAML files see it. */
export interface FaqEntryInput {
  /** Stable slug, e.g. "account-register". */
  id: string;
  category: string;
  question: string;
  /** A short name for buttons (at most 60 characters); derived from the question when absent. */
  title?: string;
  answer: string;
  /** Other ways parents ask the same question. */
  phrasings: string[];
  /** Words or word starts ("регистрац") that point to this entry. */
  keywords: string[];
  /** Not reviewed yet: kept unpublished (the matcher never sees it) until `faq publish`. */
  draft?: boolean;
}

/** Why a message is not for the FAQ at all. */
export type OutOfScopeClass =
  | "empty"
  | "greeting"
  | "thanks"
  | "gibberish"
  | "spam"
  | "human_request"
  | "complaint"
  | "case_specific";

/** Why the matcher answered or escalated. */
export type FaqMatchReason = "confident" | "low_confidence" | "ambiguous" | "out_of_scope";

/** An entry the matcher considered, with the message words that point to it. */
export interface FaqCandidate {
  id: string;
  /** Ranking score: idf mass of the message words found in the entry (see score-entries). */
  score: number;
  /** Share of the message's informative weight the entry explains, in [0, 1]. */
  coverage: number;
  /** Message words (as normalised) that matched this entry, with the stem they matched. */
  matchedTerms: string[];
  /** For an offered entry: the estimated probability that it is the right one. */
  confidence?: number;
}

/** The matcher's verdict on one message, with its reasoning for agents and tests. */
export interface FaqMatch {
  decision: "answer" | "escalate";
  reason: FaqMatchReason;
  outOfScope?: OutOfScopeClass;
  best?: FaqCandidate;
  runnerUp?: FaqCandidate;
  /** Estimated probability that `best` is the right answer (absent when out of scope). */
  confidence?: number;
  /** The message after normalisation (and transliteration or layout fix, when applied). */
  normalized: string;
  /**
   * When the matcher escalates but almost knows: up to three likely entries, best first,
   * each likely enough on its own to be worth a button next to the ticket.
   */
  offers?: FaqCandidate[];
  /**
   * Set when the message asks two questions or more about different entries
   * (`two-questions.ts`): it escalates with each question's entry offered.
   */
  questions?: number;
  /**
   * Set when the best entry is offered, not answered, whatever its confidence: the message
   * is a single known word, or an organisation asks and the entry is for parents.
   */
  withheld?: "one_word" | "other_role";
  /**
   * What the learned classifier (`learned-classifier.ts`) thinks of the message, when the
   * matcher has one; the decision reads it (`learned-decision.ts`).
   */
  learned?: LearnedOpinion;
  /**
   * Where the message's own words rank the classifier's most probable entry when it is
   * another than `best` (1 = best; one past the ranked entries when they do not include it);
   * absent when that entry may not be answered (withheld, or no such entry). The decision to
   * answer it against the ranking reads it (`overrides`), and so does cross-validation's
   * replay of the decision at other thresholds.
   */
  learnedRank?: number;
}

/** What the learned classifier thinks of one message. */
export interface LearnedOpinion {
  /** Its most probable class: an entry id, or null for "needs a person". */
  id: string | null;
  /** The probability of that class. */
  probability: number;
  /** The probability it gives the matcher's best entry. */
  forBest: number;
  /**
   * Whether it learnt the best entry from labelled messages (`taughtExamples` or more), not
   * only from the base's own question and phrasings: the thresholds differ.
   */
  taught: boolean;
  /**
   * Whether it learnt its own most probable entry (`id`) from labelled messages: only such
   * an entry may be answered against the matcher's ranking (`learned-decision.ts`).
   */
  idTaught: boolean;
  /** Its most probable entries (not "needs a person"), best first, at most three. */
  likely: { id: string; probability: number }[];
}
