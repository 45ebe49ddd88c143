/**
 * Informal words that do not belong in an official reply, each with the forms people
 * write. Matched as whole words on folded text (lower case, е for ё), so "ок" never
 * matches inside "около" or "срок".
 */
export const slangWords: readonly string[] = [
  // okay, fine
  "ок",
  "окей",
  "оке",
  "оки",
  "окс",
  "ok",
  "okay",
  "норм",
  "нормас",
  "лан",
  "ага",
  "угу",
  "неа",
  // now, at all, what
  "щас",
  "ща",
  "щя",
  "счас",
  "ваще",
  "чо",
  "че",
  "шо",
  // thanks, please, sorry
  "спс",
  "пасиб",
  "пасиба",
  "спасибки",
  "пж",
  "пжл",
  "пжлст",
  "плз",
  "плиз",
  "pls",
  "plz",
  "thx",
  "сорян",
  "сори",
  "сорри",
  // computer talk
  "инфа",
  "инфы",
  "инфе",
  "инфу",
  "инфой",
  "комп",
  "компа",
  "компу",
  "компом",
  "компе",
  "компы",
  "компов",
  "прога",
  "проги",
  "проге",
  "прогу",
  "прогой",
  "инет",
  "инета",
  "инете",
  "инетом",
  "скрин",
  "скрины",
  "скрина",
  "скрином",
  "скрине",
  "скринов",
  "зарегаться",
  "зарегайтесь",
  "зарегались",
  "зарегался",
  "зарегалась",
  "регнуться",
  "регнитесь",
  "чекнуть",
  "чекните",
  "личка",
  "личку",
  "личке",
  // chat talk
  "бро",
  "лол",
  "кек",
  "рофл",
  "имхо",
  "imho",
  "lol",
  "кста",
  "хз",
  "мб",
  "чел",
  "блин",
  "капец",
  "пипец",
  "трындец",
  "фигня",
  "пофиг",
  "нафиг",
  "офигеть",
  "прикол",
  "прикольно",
  "хреново",
  "хреновый",
  "хреновая",
];

/** Informal phrases, in the same folded form (a space stands for any gap). */
export const slangPhrases: readonly string[] = [
  "(?:ни|на) хрена",
  "хрен (?:его )?знает",
  "в лс",
  // "Короче," as a filler; "сделайте описание короче" is a comparative and passes.
  "(?<=^\\s*|[.!?…]\\s*)короче(?=,)",
];

/**
 * Words that are slang only in some places: "норм" is also "of the norms" ("санитарных
 * норм"), "мб" is megabytes after a number, "чел." is "people" after a number.
 */
export const contextualSlang = {
  /** "норм" is slang only alone or after these words: "всё норм", "норм, записали". */
  normAfter: ["все", "вроде", "уже", "тоже", "это", "ну", "да", "как", "будет", "было", "стало"],
  /** After a number these are units, not slang: "5 мб", "15 чел.". */
  unitsAfterNumber: ["мб", "чел"],
} as const;
