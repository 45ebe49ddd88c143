import { expect, test } from "vitest";
import { parentPostUnits } from "./parent-posts.js";

const photo = { kind: "photo", fileId: "f1" };

test("a text is one message; a text over 4096 characters is several", () => {
  expect(parentPostUnits([{ caption: "👤 Анна:\nВопрос", attachments: [] }])).toBe(1);
  expect(parentPostUnits([{ caption: "слово ".repeat(1500), attachments: [] }])).toBe(3);
});

test("a file carries its text as the caption; a caption over 1024 characters goes first as a text", () => {
  expect(parentPostUnits([{ caption: "👤 Анна:\nСкриншот", attachments: [photo] }])).toBe(1);
  expect(parentPostUnits([{ caption: "а".repeat(1500), attachments: [photo] }])).toBe(2);
});

test("every file of an album counts, a caption-less one too", () => {
  expect(
    parentPostUnits([
      { caption: "👤 Анна:\nТри фото", attachments: [photo] },
      { caption: "", attachments: [photo] },
      {
        caption: "",
        attachments: [
          { ...photo, fileId: "f3" },
          { ...photo, fileId: "f4" },
        ],
      },
    ]),
  ).toBe(4);
});
