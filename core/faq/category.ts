import { normalizeText } from "./normalize.js";

/** The ticket queues of the service (the seed guide's separate channels). */
export type TicketCategoryGuess = "site" | "booking" | "other";

/** Word starts that put a message in a queue, tested on normalised text. */
const cues: Record<TicketCategoryGuess, string[]> = {
  booking: [
    "брон",
    "забронир",
    "пфдо",
    "персонифицир",
    "мастер класс",
    "мастеркласс",
    "экскурс",
    "мероприят",
    "билет",
    "квест",
  ],
  site: [
    "навигатор",
    "сайт",
    "портал",
    "кабинет",
    "лк",
    "аккаунт",
    "учетн",
    "учетк",
    "профил",
    "регистр",
    "зарег",
    "парол",
    "логин",
    "войти",
    "вход",
    "зайти",
    "госуслуг",
    "есиа",
    "заявк",
    "каталог",
    "сертификат",
    "снилс",
    "договор",
    "оферт",
    "страниц",
    "кнопк",
    "ошибк",
    "уведомлен",
    "письм",
    "почт",
    "организатор",
    "модерац",
  ],
  other: [
    "педагог",
    "тренер",
    "учител",
    "преподават",
    "расписан",
    "занятия",
    "занятий",
    "группе",
    "возврат",
    "деньги",
    "оплат",
    "лагер",
    "путевк",
  ],
};

function hits(text: string, starts: readonly string[]): number {
  let count = 0;
  for (const start of starts) if (text.includes(` ${start}`)) count += 1;
  return count;
}

/**
 * How many cues of each line a message carries: a second question names another line
 * "clearly" only when its cues are there and the open ticket's are not.
 */
export function categoryHits(text: string): Record<TicketCategoryGuess, number> {
  const normalized = ` ${normalizeText(text)}`;
  return {
    booking: hits(normalized, cues.booking),
    site: hits(normalized, cues.site),
    other: hits(normalized, cues.other),
  };
}

/**
 * Guesses the ticket queue of a message: "booking" for the booking system (bookings,
 * events, ПФДО), "site" for the Navigator site (account, children, certificate,
 * applications, catalog), "other" for matters of an organisation or a class, and
 * `undefined` when the words say nothing (a person then chooses).
 */
export function inferCategory(text: string): TicketCategoryGuess | undefined {
  const normalized = ` ${normalizeText(text)}`;
  const booking = hits(normalized, cues.booking);
  const site = hits(normalized, cues.site);
  if (booking > 0 && booking >= site) return "booking";
  if (site > 0) return "site";
  if (hits(normalized, cues.other) > 0) return "other";
  return undefined;
}
