import { expect, test } from "vitest";
import { storable } from "./storable.js";

test("drops NULs and mends lone surrogates in every string, keeps the rest", () => {
  const input = {
    text: "a\u0000b \uD800 c\uDC00 👨‍👩‍👧",
    profile: { displayName: "\u0000Мама", languageCode: undefined },
    eventKeys: ["k\u0000", "ok"],
    attachments: [{ fileName: "\uDFFF.pdf", fileSize: 10 }],
    flag: true,
  };
  expect(storable(input)).toEqual({
    text: "ab \uFFFD c\uFFFD 👨‍👩‍👧",
    profile: { displayName: "Мама", languageCode: undefined },
    eventKeys: ["k", "ok"],
    attachments: [{ fileName: "\uFFFD.pdf", fileSize: 10 }],
    flag: true,
  });
  expect(storable("plain")).toBe("plain");
});
