import type { OutOfScopeClass } from "./faq-types.js";
import { greetingWords, stopWords, thanksWords } from "./stop-words.js";
import type { Token } from "./tokenize.js";

const wordStart = "(?<![\\p{L}\\p{N}])";

/**
 * Builds a case-insensitive pattern whose `<` marks a word start (no `\b` for Cyrillic).
 * When every alternative starts a word, the look-behind is tested once per position for
 * all of them rather than once per alternative (these lists run to fifty words).
 */
function words(pattern: string): RegExp {
  const alternatives = topLevelAlternatives(pattern);
  if (alternatives.every((alternative) => alternative.startsWith("<")))
    return new RegExp(
      `${wordStart}(?:${alternatives.map((a) => a.slice(1).replace(/</g, wordStart)).join("|")})`,
      "iu",
    );
  return new RegExp(pattern.replace(/</g, wordStart), "iu");
}

/** Splits a pattern at the "|" outside any group or class. */
function topLevelAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

// The name before an address starts where no letter, digit or sign of one stands before
// it: a try at every position of a long "1.1.1…" or "a-a-a…" run would read the rest of it
// each time (seconds on 16,000 characters).
const linkPattern =
  /(https?:\/\/|www\.|\bt\.me\/|\bvk\.(com|ru|cc)\/|\bbit\.ly\/|(?<![a-z0-9-])[a-z0-9-]{2,}\.(ru|com|net|org|info|online|site|xyz|рф|me|io|cc|top|club)\b)/iu;

const emailPattern = /(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+/gu;

/** Mail and state services parents name as such ("ищу письмо в yandex.ru"): not links. */
const serviceDomainPattern =
  /(?<![\w.-])(mail|gmail|yandex|ya|rambler|bk|list|inbox|outlook|hotmail|icloud|gosuslugi)\.(ru|com)(?![\w/.-])/giu;

const spamPattern = words(
  "<казино|<букмекер|<ставк\\S* на спорт|<крипт|<биткоин|<заработ\\S*\\s+(от|до|в день|в неделю|в месяц|без|дома|онлайн)|" +
    "<без вложений|<пассивн\\S* доход|<инвестиц|<кредит|<займ|<выигр|<розыгрыш|<промокод|" +
    "<подпис(ывайтесь|ывайся|ись|итесь) на|<переходи(те)? по ссылке|<жми|<интим|<знакомств|<порно|<виагр|" +
    "<раскрутк|<накрутк|<рассылк\\S* по базе|<лайк\\S* за|<удаленн\\S* работ",
);

const humanRequestPattern = words(
  "<оператор|<жив(ой|ого|ым|ому|ые|ых)\\s+(человек|люд|сотрудник|специалист|оператор)|" +
    "<(позов|соедин|переключ|свяжите|пригласи|подключи|дайте|нужен|нужна|хочу|можно)\\S*\\s+(меня\\s+)?(со?\\s+)?" +
    "(человек|специалист|консультант|менеджер|сотрудник|администратор|оператор|живым)|" +
    "<(поговорить|пообщаться|переписываться|разговаривать)\\s+(с\\s+)?(человеком|специалистом|сотрудником|людьми|менеджером)|" +
    "<(не|вы)\\s+(с\\s+)?бот(ом)?(?![\\p{L}])|<с\\s+ботом|<надоел\\S* бот|<бот\\s+не\\s+понимает",
);

const complaintPattern = words(
  "<жалоб|<пожалов|<безобраз|<возмут|<хамств|<хамит|<хамк|<нахамил|<нагруби|<грубит|<грубо|<оскорб|" +
    "<обман|<мошенн|<прокурат|<в суд|<судом|<полици|<разберит|<требую|<беспредел|<издевательств|<позор|" +
    "<кошмар|<отвратител|<ужасн|<верн(ите|уть)\\s+(мне\\s+)?(деньги|средства)|<возврат\\S*\\s+(денег|средств)|" +
    "<компенсац|<украли|<украл|<кража|<травм|<ударил|<избил|<унизил|<обидел|<накричал|<дискриминац|" +
    "<недовол|<руководств\\S*\\s+(школы|организации|учреждения)|<накажите|<наказать|" +
    "<верн\\S*\\s+(ли\\s+)?(нам\\s+|мне\\s+)?(деньги|средства)|<(не)?законно(?![\\p{L}])|<незаконн|<имеют\\s+ли\\s+(они\\s+)?право|" +
    "<кричит|<кричал|<опаздыва|<обзыва|<унижа|" +
    // A person of the class failing the parent ("тренер не отвечает", "педагог постоянно
    // отменяет"): a complaint about a particular organiser, which only people can handle.
    "<(педагог|тренер|организатор|учител|преподавател|руководител|воспитател)\\S*\\s+(\\S+\\s+){0,2}" +
    "(не|никак\\s+не|вообще\\s+не|постоянно|опять|снова)\\s+(отвеча|бер[её]т|перезван|пуска|пуст|предупрежда|выход|провод|отменя)",
);

/**
 * Opinions and recommendations about a particular class or teacher ("хорошая ли студия",
 * "посоветуйте педагога"): people answer these, the base does not.
 */
const opinionPattern = words(
  "<отзыв(ы|ов|ам|ах)?(?![\\p{L}])|<отзовитесь|<кто\\s+(ходил|ходит|водит|занимался)|" +
    "<(хорош|плох|нормальн)\\S*\\s+ли|<стоит\\s+ли\\s+(идти|отдавать|водить|записывать)|<посоветуйте|<порекомендуйте",
);

const caseSpecificPattern = words(
  "\\d{6,}|\\d{3}[-\\s]\\d{3}[-\\s]\\d{2}[-\\s]?\\d{2}|№\\s*\\d+|(?:^|[^\\w.+-])[\\w.+-]+@[\\w-]+\\.[\\w.]+|" +
    "<отклонил|<отказал|<отказано|<не\\s+(взяли|приняли|зачислили)|" +
    // Money or a place owed and not given: "не вернули", "не начислили", "не перечислили".
    "<не\\s+(вернули|начислили|перечислили|засчитали|выплатили|пополнили)(?![\\p{L}])|<аннулировал|<отчислил|<списал|" +
    "<(пропал|пропала|пропали|пропало|исчез|исчезла|исчезли|исчезло)(?![\\p{L}])|<заблокировал|" +
    // The number of one application, certificate or contract ("заявка 10234").
    "<(заявк|сертификат|договор)\\S*\\s+(№\\s*)?\\d{4,}",
);

/**
 * A sum of money ("4200", "24 тысячи", "500 руб"), not a year ("2025") nor an error code
 * ("ошибка 500"). With the words of the parent's own certificate money (below), it tells
 * of this family's balance or charges: "было 24 тысячи, осталось 3", "списали 4200". Only
 * a person can look at one account; a price in a catalogue card is not about one.
 */
const amountPattern =
  /(?<![\p{L}\p{N}])(?<!ошибк\p{L}*\s+(код\s+)?)(?!(19|20)\d\d(?!\d))([1-9]\d{2,}|[1-9]\d*\s*(тыс|тысяч\p{L}*|к)(?![\p{L}]))/u;
const ownMoneyPattern = words(
  "<(сертификат|серт|номинал|баланс|остат|осталось|было|списа|сняли|снимают|начисл|ушли|пропал)",
);

const actionVerbs =
  "(удалите|исправьте|поменяйте|измените|перенесите|добавьте|отмените|восстановите|" +
  "разблокируйте|активируйте|подтвердите|зачислите|переведите|запишите|проверьте|посмотрите|" +
  "верните|объедините|привяжите|отвяжите|уберите)(?![\\p{L}])";

/** "Удалите моего ребёнка…": a request to act on the parent's own data; only a person can. */
const actionRequestPattern = words(`<${actionVerbs}`);
const ownDataPattern = words(
  "<(я|меня|мо(й|его|ему|ей|ю|и|их|я|е)|мне|мы|нам|нас|наш\\S*)(?![\\p{L}])",
);
/** "…говорят, активируйте сертификат": someone else's words, not a request to us. */
const reportedSpeechPattern = words(
  `<(говор|сказал|пиш|прос|требу|ответил)\\S*\\s+(\\S+\\s+)?${actionVerbs}`,
);

/**
 * "Фамилия Имя" in the raw text, in any case ("у Петровой Ольги"): a named child or parent
 * makes the case personal.
 */
const fullNamePattern =
  /(?<![\p{L}])[А-ЯЁ][а-яё]+((ов|ев|ёв|ин|ын)(а|у|ой|ым|ых)?|(ск|цк)(ий|ая|ого|ой|ому|ую|им))\s+[А-ЯЁ][а-яё]{2,}/u;

const positiveEmoji =
  /[\u{1F44D}\u{1F44C}\u{1F64F}\u{2764}\u{1F60A}\u{1F642}\u{1F60D}\u{1F917}\u{263A}\u{1F49B}\u{1F49A}\u{1F499}\u{1F49C}\u{1F9E1}\u{1F496}\u{2705}]/u;

/**
 * Checks that need only the raw message: spam and links, a request for a person,
 * complaints, case-specific details (numbers, e-mail, phone), emptiness. These come
 * first: "Здравствуйте, позовите оператора" is a human request, not a greeting.
 */
export function detectByPattern(raw: string, normalized: string): OutOfScopeClass | undefined {
  if (normalized.length === 0) {
    if (positiveEmoji.test(raw)) return "thanks";
    return raw.trim().length === 0 ? "empty" : "gibberish";
  }
  const withoutEmails = raw.replace(emailPattern, " ").replace(serviceDomainPattern, " ");
  if (linkPattern.test(withoutEmails) || spamPattern.test(normalized)) return "spam";
  if (humanRequestPattern.test(normalized)) return "human_request";
  if (complaintPattern.test(normalized)) return "complaint";
  if (opinionPattern.test(normalized)) return "case_specific";
  if (caseSpecificPattern.test(raw) || fullNamePattern.test(raw)) return "case_specific";
  if (amountPattern.test(normalized) && ownMoneyPattern.test(normalized)) return "case_specific";
  if (
    actionRequestPattern.test(normalized) &&
    ownDataPattern.test(normalized) &&
    !reportedSpeechPattern.test(normalized)
  )
    return "case_specific";
  return undefined;
}

const keyboardRows = [
  "йцукенгшщзхъ",
  "фывапролджэ",
  "ячсмитьбю",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
];
const vowels = /[аеиоуыэюяaeiouy]/u;

/** A word no Russian speaker writes: no vowel, a long consonant run, or a keyboard row. */
export function looksLikeGibberish(word: string): boolean {
  if (/^\d+$/.test(word)) return false;
  if (word.length >= 2 && !vowels.test(word)) return true;
  if (/[бвгджзйклмнпрстфхцчшщ]{5,}/u.test(word)) return true;
  if (word.length >= 4 && keyboardRows.some((row) => hasRun(word, row, 4))) return true;
  return /(.{2,3})\1{2,}/u.test(word);
}

function hasRun(word: string, row: string, length: number): boolean {
  for (let i = 0; i + length <= word.length; i++)
    if (row.includes(word.slice(i, i + length))) return true;
  return false;
}

/**
 * Checks on the tokens: only greetings, only thanks, or nothing recognisable. `isKnown`
 * tells whether a content word exists in the knowledge base (exactly or with a typo);
 * `asks` whether the message asks something (a question mark or a question word).
 */
export function detectByTokens(
  tokens: Token[],
  isKnown: (token: Token) => boolean,
  asks: () => boolean = () => false,
): OutOfScopeClass | undefined {
  const content = tokens.filter((token) => !stopWords.has(token.word) && !isSmallTalk(token.word));
  if (content.length === 0) {
    if (tokens.some((token) => thanksWords.has(token.word) && !greetingWords.has(token.word)))
      return "thanks";
    if (tokens.some((token) => greetingWords.has(token.word))) return "greeting";
    return "gibberish";
  }
  // "спс, дальше разберусь": thanks that asks nothing closes the talk ("заранее
  // спасибо" only signs off a question).
  if (content.length <= 2 && closes(tokens) && !asks()) return "thanks";
  const known = content.filter((token) => isKnown(token));
  if (known.length === 0 && content.some((token) => looksLikeGibberish(token.word)))
    return "gibberish";
  if (
    known.length === 0 &&
    tokens.every((token) => !stopWords.has(token.word) && token.word.length <= 3)
  )
    return "gibberish";
  return undefined;
}

/** Words that thank or acknowledge outright (not "все", "хорошо", which also ask). */
const closingWords = new Set(
  "спасибо спасиб спасибки спс благодарю благодарим благодарна благодарен благодарны ок окей ok okay понятно ясно".split(
    " ",
  ),
);

function closes(tokens: Token[]): boolean {
  return tokens.some(
    (token, i) => closingWords.has(token.word) && tokens[i - 1]?.word !== "заранее",
  );
}

function isSmallTalk(word: string): boolean {
  return greetingWords.has(word) || thanksWords.has(word);
}
