/**
 * Parents tell the situation first and ask last: "Записались на танцы, где теперь смотреть
 * расписание?". The clause that asks (a question mark or a question word) names what they
 * want; the other clauses are context. The matcher weighs context words less.
 */

/** One clause of a message, as written (not normalised). */
export interface Clause {
  text: string;
  /** True when the clause asks something: it ends with "?" or has a question word. */
  question: boolean;
  /** True when an asking clause points back to the others with a pronoun. */
  refersBack: boolean;
}

const questionWord =
  /(?<![\p{L}])(как|где|куда|откуда|зачем|почему|отчего|сколько|скольки|когда|какой|какая|какое|какие|каким|какую|каких|какого|кто|кого|кому|чем|ли)(?![\p{L}])/iu;

/**
 * "что такое", "что делать", "что значит", and "что" before any infinitive ("что
 * приложить", "что выбрать"): asking with "что". Before other words "что" joins clauses
 * ("пишет, что…").
 */
const whatQuestion =
  /(?<![\p{L}])(что|чо|че)\s+(такое|за|значит|означа\p{L}*|\p{L}{2,}(ть|ти|чь))(?![\p{L}])/iu;

/**
 * Pronouns pointing back ("где его скачать", "зачем это нужно"): the asking clause then
 * needs the context clause to make sense, and nothing is context. Places ("туда", "там")
 * do not count: they point to the site, not to the topic.
 */
const anaphora =
  /(?<![\p{L}])(его|ее|её|их|него|нее|неё|них|ним|ней|нему|он|она|оно|они|это|этот|эту|эта)(?![\p{L}])/iu;

/** Sentence ends, commas, dashes and the conjunctions "а", "но", "однако" start a clause. */
const boundary = /([.!?…;:\n]+|,|\s[-—–]\s|(?<![\p{L}])(?:а|но|однако)(?![\p{L}]))/iu;

/** Splits a message into clauses and marks those that ask. */
export function splitClauses(text: string): Clause[] {
  const parts = text.split(new RegExp(boundary.source, "giu"));
  const clauses: Clause[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const body = parts[i] ?? "";
    const delimiter = parts[i + 1] ?? "";
    if (body.trim() === "") continue;
    const question = delimiter.includes("?") || questionWord.test(body) || whatQuestion.test(body);
    clauses.push({ text: body, question, refersBack: question && anaphora.test(body) });
  }
  return clauses;
}

/** Words pointing back besides the pronouns of `anaphora` ("куда с этим идти"). */
const pointsBack = /(?<![\p{L}])(этим|этого|этом|тем|том|так|нем|нём|ними)(?![\p{L}])/iu;

/**
 * Whether a short question stands on its own ("как зарегистрироваться?", "есть ли
 * приложение?"): it has a question word and points back to nothing before it, unlike a
 * follow-up ("как это проверить?", "мастер-классы только?").
 */
export function asksOnItsOwn(text: string): boolean {
  return questionWord.test(text) && !anaphora.test(text) && !pointsBack.test(text);
}
