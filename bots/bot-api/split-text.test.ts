import { expect, test } from "vitest";
import { splitText } from "./split-text.js";

test("short texts stay whole", () => {
  expect(splitText("Здравствуйте")).toEqual(["Здравствуйте"]);
});

test("a 10,000-character text is cut at paragraph boundaries under the limit, losing nothing", () => {
  const paragraph =
    "Сертификат дополнительного образования можно получить в личном кабинете. ".repeat(20);
  const text = Array.from({ length: 8 }, () => paragraph.trim()).join("\n\n");
  const parts = splitText(text);
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
  expect(parts.join("\n\n")).toBe(text);
});

test("a text without spaces is cut hard", () => {
  const parts = splitText("x".repeat(9000));
  expect(parts.map((p) => p.length)).toEqual([4096, 4096, 808]);
});
