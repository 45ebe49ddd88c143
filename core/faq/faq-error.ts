/** Failure codes of the FAQ module. */
export type FaqErrorCode =
  "KB_YAML_SYNTAX" | "KB_INVALID" | "QUESTIONS_INVALID" | "LEXICON_INVALID" | "FAQ_DRAFT_NOT_FOUND";

/** One problem in a knowledge-base file, located by entry id and field. */
export interface KbIssue {
  /** The entry's id, or "#N" (1-based position) when the entry has no usable id. */
  entry: string;
  /** Dotted path inside the entry, e.g. "phrasings.2"; "entries" for file-level issues. */
  field: string;
  message: string;
}

/** A coded FAQ failure; `issues` lists every problem found (nothing was imported). */
export class FaqError extends Error {
  constructor(
    readonly code: FaqErrorCode,
    message: string,
    readonly issues: KbIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FaqError";
  }
}
