export {
  localeFromLanguageCode,
  asLocale,
  supportedLocales,
  type Locale,
} from "./contact-locale.js";
export { upsertContact, type ContactProfile } from "./upsert-contact.js";
export {
  findMunicipalityByName,
  matchMunicipality,
  mayNameMunicipality,
} from "./find-municipality.js";
export { seedMunicipalities, defaultMunicipalitiesFile } from "./seed-municipalities.js";
