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
