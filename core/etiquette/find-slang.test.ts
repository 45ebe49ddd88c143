import { describe, expect, test } from "vitest";
import { findSlang } from "./find-slang.js";

const matches = (text: string) => findSlang(text).map((m) => m.text);

describe("slang", () => {
  test("the usual words, as whole words and in their forms", () => {
    expect(matches("Ок, щас посмотрю инфу на компе.")).toEqual(["Ок", "щас", "инфу", "компе"]);
    expect(matches("Спс, пж, чё, ваще, бро, лол, имхо")).toEqual([
      "Спс",
      "пж",
      "чё",
      "ваще",
      "бро",
      "лол",
      "имхо",
    ]);
    expect(matches("ok, скрин пришлите")).toEqual(["ok", "скрин"]);
    expect(matches("Ни хрена не видно")).toEqual(["Ни хрена"]);
  });

  test("never inside other words", () => {
    expect(
      matches("Около окна срок урока, блок «Окружающий мир», курс программирования, бронь."),
    ).toEqual([]);
    expect(matches("Информация о компьютерной программе, броня, лолипоп")).toEqual([]);
  });

  test("'норм' is slang alone, but the plural of 'норма' passes", () => {
    expect(matches("Всё норм.")).toEqual(["норм"]);
    expect(matches("Норм, записали.")).toEqual(["Норм"]);
    expect(matches("Соблюдение санитарных норм обязательно.")).toEqual([]);
    expect(matches("Всё в пределах норм.")).toEqual([]);
  });

  test("units after a number and names are not slang", () => {
    expect(matches("Файл до 5 мб, группа 15 чел.")).toEqual([]);
    expect(matches("Размер не больше 10 Мб, МБ тоже подойдёт.")).toEqual([]);
    expect(matches("Мы есть в ВК и ОК.")).toEqual([]);
    expect(matches("Нажмите «ОК» внизу формы.")).toEqual([]);
    expect(matches("ОК, записали.")).toEqual(["ОК"]);
  });

  test("'короче' is a filler only at the start of a clause", () => {
    expect(matches("Короче, заявку отклонили.")).toEqual(["Короче"]);
    expect(matches("Сделайте описание короче, пожалуйста.")).toEqual([]);
  });
});
