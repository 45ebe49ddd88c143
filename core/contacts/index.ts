export {
  localeFromLanguageCode,
  asLocale,
  supportedLocales,
  type Locale,
} from "./contact-locale.js";
export { upsertContact, type ContactProfile } from "./upsert-contact.js";
export { findMunicipalityByName } from "./find-municipality.js";
export { seedMunicipalities, defaultMunicipalitiesFile } from "./seed-municipalities.js";
