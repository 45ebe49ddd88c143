export { createFaqMatcher, defaultMatcherOptions } from "./matcher.js";
export type { FaqMatcher, FaqMatcherOptions, FaqExplanation } from "./matcher.js";
export type {
  FaqCandidate,
  FaqEntryInput,
  FaqMatch,
  FaqMatchReason,
  OutOfScopeClass,
} from "./faq-types.js";
export { parseKbYaml, formatKbYaml, kbEntrySchema, type KbEntry } from "./kb-schema.js";
export { FaqError, type FaqErrorCode, type KbIssue } from "./faq-error.js";
export {
  evaluateMatcher,
  parseQuestionsJsonl,
  type EvaluationMiss,
  type FaqMetrics,
  type LabelledQuestion,
} from "./evaluate.js";
export { crossValidate, type Fold, type QuestionSet, type Thresholds } from "./cross-validate.js";
export { collectCalibrationSamples, fitConfidenceModel } from "./calibrate.js";
export { defaultConfidenceModel, type ConfidenceModel } from "./confidence.js";
export { normalizeText } from "./normalize.js";
export {
  createFaqRepository,
  lookupOutcome,
  type FaqRepository,
  type ImportResult,
  type LookupOutcome,
  type StoredFaqEntry,
  type PhrasingSuggestion,
} from "./faq-repository.js";
export { foldFaqHits, recordFaqHit } from "./faq-hits.js";
export { groupQuestions, type QuestionGroup } from "./question-groups.js";
export { inferCategory, type TicketCategoryGuess } from "./category.js";
export {
  createFaqAdvisor,
  type AdvisedEntry,
  type FaqAdvice,
  type FaqAdvisorService,
} from "./faq-advisor.js";
export { entryTitle, entryTitleLimit } from "./entry-title.js";
export { createLiveFaqAdvisor, seedDefaultFaq, defaultFaqFile } from "./live-faq-advisor.js";
export {
  learnMatcher,
  learnedKey,
  redisLearnedStore,
  type LearnedSource,
  type LearnedStore,
  type LearnOptions,
} from "./learned-store.js";
