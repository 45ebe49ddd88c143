import { describe, expect, test } from "vitest";
import { findProfanity } from "./find-profanity.js";
import { buildDictionary } from "./profanity-dictionary.js";

const flagged = (text: string) => findProfanity(text).map((m) => m.text);

describe("profanity: ordinary words pass (the Scunthorpe problem)", () => {
  test.each([
    "оскорблять",
    "оскорбление",
    "хлебать",
    "хлебнуть",
    "употреблять",
    "употребить",
    "злоупотребление",
    "требуется",
    "сабля",
    "рубля",
    "корабля",
    "ансамбля",
    "психология",
    "команда",
    "мандарин",
    "мандат",
    "застрахуйте",
    "страхуемся",
    "учёбу",
    "небу",
    "Астрахань",
    "Чебоксары",
    "Прибалтика",
    "эмансипация",
    "небанальный",
    "дебаты",
    "икебана",
    "ребусный",
    "гребешок",
    "скребок",
    "погребок",
    "загребать",
    "колебаться",
    "щебетать",
    "алебастр",
    "телебашня",
    "сногсшибательный",
    "щипать",
    "залипание",
    "себе",
    "тебе",
    "бляха",
    "бляшка",
    "педикюр",
    "крендель",
    "сучковатый",
    "кончится",
    "кончено",
    "неграмотный",
    "негромко",
    "Нигерия",
    "хулиган",
    "херес",
    "Херсон",
    "сукно",
    "винегрет",
    "козлиное",
    "извращение",
  ])("%s", (word) => {
    expect(flagged(`Слово ${word} в предложении.`)).toEqual([]);
  });

  test("asterisks for emphasis or a footnote are not hidden letters", () => {
    expect(flagged("Стоимость* указана за месяц, *важно* успеть до 1 сентября.")).toEqual([]);
    expect(flagged("Сообщите фамилию Ив***ов полностью.")).toEqual([]);
  });

  test("numbers, dates and short English words are left alone", () => {
    expect(flagged("12.09.2024 в 18:30, 3 400 руб., 2024г., 6 лет, 300 мест")).toEqual([]);
    expect(flagged("hax hex box exe")).toEqual([]);
  });
});

describe("profanity: obscene words are caught in their forms", () => {
  test.each([
    "пиздец",
    "пиздеть",
    "спиздили",
    "распиздяй",
    "хуй",
    "нахуй",
    "похуй",
    "хуйня",
    "хуёво",
    "охуеть",
    "охуенно",
    "блядь",
    "блять",
    "бля",
    "ебать",
    "ёбаный",
    "заебал",
    "заебали",
    "наебали",
    "уебок",
    "съебаться",
    "отъебись",
    "выёбываться",
    "ебанутый",
    "ебучий",
    "долбоёб",
    "сука",
    "суки",
    "мудак",
    "мудила",
    "пидор",
    "пизда",
    "залупа",
    "гондон",
    "говно",
    "жопа",
    "херня",
    "пох",
    "пздц",
  ])("%s", (word) => {
    expect(flagged(`Ну это ${word}, конечно.`)).toEqual([word]);
  });

  test("in capitals and with ё or е", () => {
    expect(flagged("ХУЁВО")).toEqual(["ХУЁВО"]);
    expect(flagged("ебаный ёбаный")).toEqual(["ебаный", "ёбаный"]);
  });
});

describe("profanity: disguises", () => {
  test.each([
    ["Latin look-alike letters", "xyй", "xyй"],
    ["Latin word of look-alikes", "cyka", "cyka"],
    ["digits for letters", "6лядь и пи3дец", "6лядь"],
    ["letters spaced out", "это х у й знает что", "х у й"],
    ["letters split by dots", "б.л.я.т.ь", "б.л.я.т.ь"],
    ["a word split by a dash", "пиз-дец", "пиз-дец"],
    ["asterisks between letters", "х*у*й", "х*у*й"],
    ["letters hidden by asterisks", "п**дец", "п**дец"],
    ["hidden ending", "бл**", "бл**"],
    ["hidden after a prefix", "за**али", "за**али"],
    ["stretched letters", "бляяяять", "бляяяять"],
    ["transliteration", "pizdec", "pizdec"],
  ])("%s", (_name, text, first) => {
    expect(flagged(text)[0]).toBe(first);
  });
});

describe("the dictionary", () => {
  test("a leading '*' takes prefixes only, not any letters", () => {
    const dictionary = buildDictionary(["*ебал*"], ["*pizd*"]);
    expect(dictionary.isObscene("заебал")).toBe(true);
    expect(dictionary.isObscene("разъебали")).toBe(true);
    expect(dictionary.isObscene("загребал")).toBe(false);
    expect(dictionary.isObscene("хлебало")).toBe(false);
    expect(dictionary.isObsceneTransliterated("raspizdyai")).toBe(true);
  });

  test("a masked word must start like a root", () => {
    const dictionary = buildDictionary(["*пизд*", "хуй"], []);
    expect(dictionary.startsObsceneRoot("п")).toBe(true);
    expect(dictionary.startsObsceneRoot("за")).toBe(true); // a prefix, then hidden letters
    expect(dictionary.startsObsceneRoot("спи")).toBe(true); // с + пи(зд)
    expect(dictionary.startsObsceneRoot("ив")).toBe(false);
    expect(dictionary.startsObsceneRoot("")).toBe(false);
  });
});
