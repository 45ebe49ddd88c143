/** Kinds of personal data masked in a parent's message before agents see it. */
export type PersonalDataKind =
  "phone" | "email" | "snils" | "passport" | "card" | "birth_certificate";

/** One piece of personal data as the parent wrote it. */
export interface PersonalDataItem {
  kind: PersonalDataKind;
  value: string;
}

/** The message with personal data replaced by hints, and what was replaced. */
export interface MaskedText {
  /** Hints keep the shape so agents see what it was: "+7 (912) ***-**-89", "i***@mail.ru". */
  masked: string;
  /** In order of appearance. */
  found: PersonalDataItem[];
}

/** A detector's hit: where it is, what it is and what replaces it. */
export interface Detection {
  start: number;
  end: number;
  kind: PersonalDataKind;
  mask: string;
}
