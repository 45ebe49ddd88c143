export { checkEtiquette } from "./check-etiquette.js";
export {
  etiquetteHintKeys,
  type EtiquetteFinding,
  type EtiquetteHintKey,
  type EtiquetteKind,
  type EtiquetteOptions,
  type EtiquetteVerdict,
} from "./etiquette-verdict.js";
export { loadEtiquetteConfigFile, etiquetteConfigFileSchema } from "./etiquette-config-file.js";
export {
  findMisspellings,
  MAX_MISSPELLINGS,
  type MisspellingOptions,
} from "./find-misspellings.js";
export { createLiteracyCheck, type LiteracyCheckOptions } from "./literacy-check.js";
