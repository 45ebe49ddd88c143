import { checkEtiquette, type EtiquetteOptions } from "../etiquette/index.js";
import { maskPersonalData } from "../privacy/index.js";
import type { StaffDeps } from "./staff-deps.js";

/**
 * The guards agent actions run with: the etiquette check (core/etiquette) before a reply
 * reaches a parent, and the masking of personal data (core/privacy) in the staff card.
 */
export function staffGuards(
  options: EtiquetteOptions = {},
): Pick<StaffDeps, "checkEtiquette" | "maskPersonalData"> {
  return {
    checkEtiquette: (text) => checkEtiquette(text, options).findings,
    maskPersonalData,
  };
}
