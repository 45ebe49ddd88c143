/**
 * "Как отменить заявку? И долго ли рассматривают новую?": two questions in one message.
 * Each may have its own entry; answering one of them with confidence leaves the other
 * unanswered while the parent believes the bot has replied. The matcher ranks each asked
 * part on its own (see `matcher.ts`) and, when they point to different entries, offers
 * both instead of answering one.
 */

/** One part of a message between question marks and joiners. */
export interface QuestionPart {
  text: string;
  /** Ends with a question mark or follows a joiner that adds a question. */
  asks: boolean;
}

/**
 * A second question starts after a question mark, or at a joiner that adds one ("и ещё",
 * "заодно", "а также", "кроме того", "второй вопрос", "и можно ли"), or at "и" before a
 * question word ("как отменить бронь и где посмотреть остаток"): the question word stays
 * with the second part.
 */
const boundary =
  /(\?+)|(?<![\p{L}])(?:и\s+ещ[её]|ещ[её]\s+вопрос|заодно|а\s+также|кроме\s+того|втор(?:ой|ое)\s+(?:вопрос|момент)|и\s+(?:можно|нужно|надо)\s+ли|и\s+вообще)(?![\p{L}])|(?<![\p{L}])и(?=\s+(?:где|как|куда|когда|сколько|почему|зачем|какой|какая|какое|какие|кто)(?![\p{L}]))/giu;

/** Letters a part needs to be a question of its own, not "а?" or "да?". */
const minimumLetters = 8;

/**
 * The parts of a message that may each be a question of their own. One part (the usual
 * case) means one question.
 */
export function questionParts(text: string): QuestionPart[] {
  const parts: QuestionPart[] = [];
  let start = 0;
  let afterJoiner = false;
  const push = (end: number, mark: boolean) => {
    const part = text.slice(start, end);
    if ((part.match(/\p{L}/gu)?.length ?? 0) >= minimumLetters)
      parts.push({ text: part, asks: mark || afterJoiner });
  };
  for (const found of text.matchAll(boundary)) {
    push(found.index, found[1] !== undefined);
    afterJoiner = found[1] === undefined;
    start = found.index + found[0].length;
  }
  push(text.length, false);
  return parts;
}
