export { russianDictionary, type SpellingDictionary } from "./spelling-dictionary.js";
