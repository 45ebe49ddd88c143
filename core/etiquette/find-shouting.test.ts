import { describe, expect, test } from "vitest";
import { findShouting } from "./find-shouting.js";

const matches = (text: string) => findShouting(text).map((m) => m.text);

describe("shouting", () => {
  test("a reply in capitals", () => {
    expect(matches("ЗАПИСЬ ЗАКРЫТА, ЖДИТЕ СЛЕДУЮЩЕГО ГОДА")).toEqual([
      "ЗАПИСЬ ЗАКРЫТА, ЖДИТЕ СЛЕДУЮЩЕГО ГОДА",
    ]);
  });

  test("one long sentence in capitals inside a polite reply", () => {
    expect(
      matches("Здравствуйте! Спасибо за обращение. НЕ НАДО ПИСАТЬ ПОВТОРНО, ОТВЕТИМ ЗАВТРА."),
    ).toEqual(["НЕ НАДО ПИСАТЬ ПОВТОРНО, ОТВЕТИМ ЗАВТРА"]);
  });

  test("several short shouted sentences shout together", () => {
    expect(matches("ЖДИТЕ! НЕ ПИШИТЕ! ОТВЕТИМ!")).toHaveLength(1);
  });

  test("a long shouted sentence is shortened for the card", () => {
    const [match] = matches(
      "ПОЖАЛУЙСТА ВНИМАТЕЛЬНО ПРОВЕРЬТЕ ВСЕ ДАННЫЕ РЕБЁНКА ПЕРЕД ОТПРАВКОЙ ЗАЯВЛЕНИЯ В УЧРЕЖДЕНИЕ",
    );
    expect(match?.length).toBeLessThanOrEqual(60);
    expect(match?.endsWith("…")).toBe(true);
  });

  test.each([
    "Введите СНИЛС и ФИО ребёнка, затем войдите через ЕСИА.",
    "Обратитесь в МФЦ или в МБУ ДО ЦДЮТ, ПФДО подключён.",
    "ВНИМАНИЕ! Запись откроется завтра.",
    "Вы записаны на программу «РОБОТОТЕХНИКА ДЛЯ НАЧИНАЮЩИХ».",
    'Программа "ЮНЫЙ ИССЛЕДОВАТЕЛЬ ПРИРОДЫ" начинается в среду.',
    "Откройте раздел ПОМОЩЬ на портале.",
    "Проверьте URL, PDF и QR на странице.",
  ])("passes: %s", (text) => {
    expect(matches(text)).toEqual([]);
  });
});
