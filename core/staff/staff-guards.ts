import {
  checkEtiquette,
  createLiteracyCheck,
  type EtiquetteOptions,
  type LiteracyCheckOptions,
} from "../etiquette/index.js";
import { maskPersonalData } from "../privacy/index.js";
import type { StaffDeps } from "./staff-deps.js";

/**
 * The guards agent actions run with: the etiquette check (core/etiquette) before a reply
 * reaches a parent with its literacy hint, and the masking of personal data (core/privacy)
 * in the staff card.
 */
export function staffGuards(
  options: EtiquetteOptions = {},
  literacy: LiteracyCheckOptions = {},
): Pick<StaffDeps, "checkEtiquette" | "checkSpelling" | "maskPersonalData"> {
  return {
    checkEtiquette: (text) => checkEtiquette(text, options).findings,
    checkSpelling: createLiteracyCheck({ knownWords: options.knownWords, ...literacy }),
    maskPersonalData,
  };
}
