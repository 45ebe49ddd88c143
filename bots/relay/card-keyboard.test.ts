import { expect, test } from "vitest";
import { createI18n } from "../../core/i18n/index.js";
import { cardKeyboard } from "./card-keyboard.js";

const i18n = createI18n();
const labels = (status: string, canReveal = false) =>
  cardKeyboard(i18n, { id: 7, status }, { canReveal }).inline_keyboard.map((row) =>
    row.map((b) => `${b.text}=${b.callback_data}`),
  );

test("the card's buttons follow the ticket's status", () => {
  expect(labels("new")).toEqual([["Взять=tk:7", "Решено=rs:7", "Пауза=hd:7"]]);
  expect(labels("waiting_parent")).toEqual([["Взять=tk:7", "Решено=rs:7", "Пауза=hd:7"]]);
  expect(labels("on_hold")).toEqual([["Взять=tk:7", "Решено=rs:7"]]);
  expect(labels("resolved")).toEqual([["Открыть снова=ro:7"]]);
  expect(labels("closed")).toEqual([]);
});

test("'show' while personal data is hidden", () => {
  expect(labels("new", true).at(-1)).toEqual(["👁 Показать данные=pii:7"]);
});
