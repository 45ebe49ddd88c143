import { describe, expect, test } from "vitest";
import { findInformalAddress } from "./find-informal-address.js";

const words = (text: string) => findInformalAddress(text).map((m) => m.text);

describe("informal address", () => {
  test("ты and твой in any case and form, as whole words", () => {
    expect(words("Ты зайди в личный кабинет, там твоя заявка.")).toEqual(["Ты", "твоя"]);
    expect(words("Отправлю тебе ссылку, с тобой свяжутся")).toEqual(["тебе", "тобой"]);
    expect(words("ТВОЁ заявление принято")).toEqual(["ТВОЁ"]);
  });

  test("no match inside other words, in quotes of the parent or in quoted lines", () => {
    expect(words("Опыты и пусты́е поля, тебенёк, Тыва, твоюшка")).toEqual([]);
    expect(words("Вы написали «ты где?» — оператор на связи.")).toEqual([]);
    expect(words("> а ты кто\nЗдравствуйте! Я специалист поддержки.")).toEqual([]);
    expect(words("Здравствуйте! Вы можете подать заявку сами.")).toEqual([]);
  });

  test("linear time on a long hostile input", () => {
    const long = "ты".repeat(100_000);
    const started = performance.now();
    expect(words(long)).toEqual([]);
    // Each word once: the agent fixes it everywhere at once.
    expect(words("ты ".repeat(50_000))).toEqual(["ты"]);
    expect(words("Ты ты ТЫ тебе")).toEqual(["Ты", "тебе"]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
