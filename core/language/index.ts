export {
  russianDictionary,
  warmRussianDictionary,
  type SpellingDictionary,
} from "./spelling-dictionary.js";
