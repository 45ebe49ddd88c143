/**
 * Forms of address by gender or age, which the seed rules forbid ("no address by
 * gender or age"). Folded form: lower case, е for ё.
 */

/** Familiar forms that are an address wherever they stand in a reply. */
export const familiarAddresses: readonly string[] = [
  "мамочка",
  "мамаша",
  "мамуля",
  "мамуль",
  "папаша",
  "папуля",
  "папочка",
  "бабуля",
  "бабуль",
  "бабулечка",
  "дедуля",
  "дедуль",
  "милочка",
  "дорогуша",
  "голубушка",
  "деточка",
  "девонька",
  "барышня",
  "сударыня",
  "сударь",
  "мадам",
  "тетенька",
  "дяденька",
];

/**
 * Words that are an address only when used as one: at the start of a clause and
 * followed by a comma or the end of the sentence ("Девушка, ...", "Спасибо, мама!"),
 * while "ваша мама" or "девушка, которая звонила" are mentions.
 */
export const vocativeAddresses: readonly string[] = [
  "молодой человек",
  "девушка",
  "женщина",
  "мужчина",
  "бабушка",
  "дедушка",
  "мама",
  "папа",
  "мам",
  "пап",
  "гражданин",
  "гражданка",
  "дама",
  "дорогая",
  "дорогой",
  "милая",
];

/** Words that make a gendered word an address anywhere: "уважаемая мама". */
export const addressAdjectives: readonly string[] = [
  "уважаемая",
  "уважаемый",
  "уважаемые",
  "дорогая",
  "дорогой",
  "дорогие",
  "милая",
  "милые",
];

/** Gendered or age words after such an adjective ("уважаемые мамы и папы"). */
export const gendered: readonly string[] = [
  "мама",
  "мамы",
  "мамочка",
  "мамочки",
  "папа",
  "папы",
  "девушка",
  "девушки",
  "женщина",
  "женщины",
  "мужчина",
  "мужчины",
  "бабушка",
  "бабушки",
  "дедушка",
  "дедушки",
  "родительница",
  "дамы",
  "господа",
];

/**
 * After "Девушка," a word starting so opens a relative clause ("которая", "о которой"):
 * a mention, not an address.
 */
export const relativeStarts: readonly string[] = ["котор", "чей", "чья", "чье", "чьи"];

/** Greetings and thanks that may stand before an address: "Здравствуйте, девушка". */
export const addressLeadIns: readonly string[] = [
  "здравствуйте",
  "добрый день",
  "добрый вечер",
  "доброе утро",
  "привет",
  "спасибо",
  "извините",
  "простите",
  "послушайте",
];
