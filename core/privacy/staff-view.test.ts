import { describe, expect, test } from "vitest";
import { staffView, staffViewWithSpans } from "./staff-view.js";

describe("staffView: what the staff group may see", () => {
  test.each([
    ["+7 922 111-22-33", "+7 (922) ***-**-33"],
    ["+7(922)111-22-33", "+7 (922) ***-**-33"],
    ["+7-922-111-22-33", "+7 (922) ***-**-33"],
    ["+7 9221112233", "+7 (922) ***-**-33"],
    ["8 (922) 111 22 33", "+7 (922) ***-**-33"],
    ["8-922-111-2233", "+7 (922) ***-**-33"],
    ["89221112233", "+7 (922) ***-**-33"],
    ["922 111 22 33", "+7 (922) ***-**-33"],
    ["(922) 111-22-33", "+7 (922) ***-**-33"],
    ["тел: 8 912 345 6789", "тел: +7 (912) ***-**-89"],
    ["8(343)3124567", "+7 (343) ***-**-67"],
    ["8 (34385) 5-12-34", "+7 (34385) ***-34"],
    ["+7 (3435) 12-34-56", "+7 (3435) ***-56"],
    ["звоните 8(34385)51234 вечером", "звоните +7 (34385) ***-34 вечером"],
  ])("phone %s", (text, shown) => {
    expect(staffView(text)).toBe(shown);
  });

  test.each([
    ["свидетельство о рождении IV-АИ 123456", "свидетельство о рождении **-** ***456"],
    ["св-во II-МЮ № 654321 выдано в 2016", "св-во **-** ***321 выдано в 2016"],
    ["ІІІ-ВГ №123456", "**-** ***456"],
    ["iv-аи 123456", "**-** ***456"],
  ])("birth certificate %s", (text, shown) => {
    expect(staffView(text)).toBe(shown);
  });

  test.each([
    "Группа II-А, кабинет 12",
    "Программа X-ТЗ, год 2024",
    "IV-АИ 12345 (пять цифр)",
    "Код 8 (1234) 56",
  ])("not personal data: %s", (text) => {
    expect(staffView(text)).toBe(text);
  });

  test("masking a masked text changes nothing", () => {
    const once = staffView("тел 89221112233, СНИЛС 112-233-445 95, a.b@mail.ru, IV-АИ 123456");
    expect(staffView(once)).toBe(once);
  });
});

describe("staffViewWithSpans: entities follow their text", () => {
  test("a mention after a masked phone still covers the name", () => {
    const text = "Звонила 89221112233 · Галина";
    const mention = { type: "text_mention", offset: text.indexOf("Галина"), length: 6 };
    const shown = staffViewWithSpans(text, [mention]);
    expect(shown.text).toBe("Звонила +7 (922) ***-**-33 · Галина");
    expect(shown.text.slice(shown.spans[0]?.offset, (shown.spans[0]?.offset ?? 0) + 6)).toBe(
      "Галина",
    );
    expect(shown.spans[0]).toMatchObject({ type: "text_mention", length: 6 });
  });

  test("personal data inside an entity is masked and the entity resized", () => {
    const text = "Почта: ivan@mail.ru!";
    const shown = staffViewWithSpans(text, [{ offset: 7, length: 12 }]);
    expect(shown.text).toBe("Почта: i***@mail.ru!");
    expect(shown.spans).toEqual([{ offset: 7, length: 12 }]);
  });
});
