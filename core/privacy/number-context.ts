/**
 * What the words just before a number say it is. Parents write "сертификат 9123456789"
 * or "заявка № 89123456789" as often as "мой телефон 89123456789"; the nearest word
 * decides.
 */
const WINDOW = 32;

/** Words that start with these stems; the stem must begin a word ("родитель" has no "тел"). */
function stems(list: readonly string[], anywhere: readonly string[] = []): RegExp {
  const starts = list.length > 0 ? `(?<!\\p{L})(?:${list.join("|")})` : "";
  return new RegExp([starts, ...anywhere].filter(Boolean).join("|"), "giu");
}

const NOT_PERSONAL = stems(
  [
    ...["заявк", "обращени", "сертификат", "договор", "сч[её]т", "лицев", "программ", "курс"],
    ...["групп", "заказ", "квитанц", "плат[её]ж", "id", "ид", "инн", "огрн", "кпп", "бик"],
    ...["код", "артикул", "полис"],
  ],
  ["№", "#"],
);
const PHONE_WORDS = stems(
  ["тел", "моб", "сотов", "whats", "вотсап", "viber", "вайбер", "телеграм", "telegram", "связ"],
  ["звон"],
);
const SNILS_WORDS = stems(["снилс"]);
const PASSPORT_WORDS = stems(["паспорт", "серия", "серии"]);

/** What the nearest words before a number name it. */
export type NumberTopic = "not_personal" | "phone" | "snils" | "passport" | "none";

/** The topic named closest before `start`, on the same line, within a few words. */
export function topicBefore(text: string, start: number): NumberTopic {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const window = text.slice(Math.max(lineStart, start - WINDOW), start);
  let best: { at: number; topic: NumberTopic } = { at: -1, topic: "none" };
  for (const [pattern, topic] of [
    [NOT_PERSONAL, "not_personal"],
    [PHONE_WORDS, "phone"],
    [SNILS_WORDS, "snils"],
    [PASSPORT_WORDS, "passport"],
  ] as const) {
    for (const m of window.matchAll(pattern)) if (m.index > best.at) best = { at: m.index, topic };
  }
  return best.topic;
}
