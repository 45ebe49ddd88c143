/**
 * Organisers (studios, schools, coaches) write to the parents' bot by mistake, and ask with
 * the parents' words: "как нам принимать детей по сертификату" is about the organisers'
 * entry, not the parents' one about paying with a certificate. How an organisation speaks
 * of itself is common Russian, independent of any knowledge base: "наша студия", "мы —
 * спортивный клуб", "я тренер", "к нам ходят", "родители подают заявки".
 */

/**
 * Builds one pattern on normalised text from alternatives that each start a word; the
 * word-start look-behind is tested once per position for all of them.
 */
function wordStarts(alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})`, "u");
}

/** What an organisation calls itself (parents say "наш кружок", "наша школа" too). */
const institution = "(студи|центр|учрежден|организац|программ|ип|дюсш|ддт|цдт|дши)";

/** Our: "наш", "нашу", "нашей"… but not "нашла", "нашли". */
const our = "наш(а|у|е|и|ей|его|ему|им|ими|их)?";

const organizerPattern = wordStarts(
  [
    // "наша студия", "нашу программу", "наших учеников"
    `<${our}\\s+(\\S+\\s+)?${institution}`,
    `<${our}\\s+(ученик|воспитанник|педагог|тренер|преподават|сотрудник|методист)`,
    // "мы спортивный клуб", "мы новая школа", "мы — центр", "я ип", "я тренер"
    "<мы\\s+(\\S+(ый|ий|ой|ая|ое)\\s+)?(студи|школ|клуб|центр|учрежден|организац|ип)",
    "<я\\s+(\\S+\\s+)?(ип|педагог|тренер|преподават|руководител|директор|организатор|методист|заведующ)",
    "<(веду|ведем|ведет)\\s+(\\S+\\s+)?(кружок|секци|занятия|студи|курс)",
    // "кабинет организатора", "со стороны учреждения", "организатору"
    "<организатор",
    "<кабинет\\S*\\s+(организац|учрежден|школ|студи)",
    "<со\\s+стороны\\s+(организац|учрежден|школ|студи|центр)",
    // "к нам ходили", "к нам записывались"
    "<к\\s+нам\\s+(\\S+\\s+)?(ход|запис|приход|попада|поступ)",
    // "родители пишут/подают", "принимать детей"
    "<родител\\S*\\s+(\\S+\\s+)?(пиш|пода|запис|присыла|отправля)",
    "<принимать\\s+(детей|оплат|сертификат)",
    `<у\\s+(меня|нас)\\s+(сво|частн)\\S*\\s+(\\S+\\s+)?(студи|школ|клуб|центр)`,
    "<учреждени(ю|ем)(?![\\p{L}])",
    "<у\\s+нас\\s+уволил",
  ].map((alternative) => alternative.replace(/^</, "").replace(/</g, "(?<![\\p{L}\\p{N}])")),
);

/** Whether normalised text speaks as an organisation rather than as a parent. */
export function speaksAsOrganizer(normalized: string): boolean {
  return organizerPattern.test(normalized);
}

/** The knowledge-base category of the entries written for organisers. */
export const organizerCategory = "organizers";
