/**
 * What the seed etiquette rule (rule 9) forbids in a reply to a parent, plus informal
 * "ты" and the words an operator lists in ETIQUETTE_CONFIG_FILE.
 */
export type EtiquetteKind =
  | "profanity"
  | "aggression"
  | "slang"
  | "gender_age_address"
  | "shouting"
  | "confidential"
  | "informal_address"
  | "operator_word";

/**
 * Locale keys (locales/<lang>/etiquette.ftl) of the explanation an agent sees. Every text
 * takes `$match`, the flagged fragment: format with `{ match: finding.match }`.
 */
export const etiquetteHintKeys = [
  "etiquette-profanity",
  "etiquette-aggression",
  "etiquette-exclamations",
  "etiquette-slang",
  "etiquette-gender-age-address",
  "etiquette-shouting",
  "etiquette-confidential-link",
  "etiquette-confidential-password",
  "etiquette-confidential-token",
  "etiquette-informal-address",
  "etiquette-operator-word",
] as const;

export type EtiquetteHintKey = (typeof etiquetteHintKeys)[number];

/** One reason to hold a reply: what kind, the fragment as the agent wrote it, why. */
export interface EtiquetteFinding {
  kind: EtiquetteKind;
  /** The flagged fragment as written (a long sentence is shortened with "…"). */
  match: string;
  hint: EtiquetteHintKey;
}

/** `ok` is true when there is nothing to hold the reply for. */
export interface EtiquetteVerdict {
  ok: boolean;
  findings: EtiquetteFinding[];
}

export interface EtiquetteOptions {
  /**
   * Hosts of the region's own back office (CRM, help desk, admin panel). A link to one of
   * them or to any of its subdomains is confidential.
   */
  internalDomains?: string[];
  /** Words the operator does not want in replies (their own internal names, jargon). */
  forbiddenWords?: string[];
  /**
   * Words of the operator's service the literacy hint accepts although a dictionary lacks
   * them (names of programs, places, local terms). Not used by `checkEtiquette`.
   */
  knownWords?: string[];
}

/** A fragment a detector found, before it becomes a finding. */
export interface TextMatch {
  index: number;
  text: string;
}

/** A fragment with the explanation it needs, when a detector has more than one. */
export interface HintedMatch extends TextMatch {
  hint: EtiquetteHintKey;
}
