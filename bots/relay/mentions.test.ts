import { expect, test } from "vitest";
import { withMentions } from "./mentions.js";

test("mentions are text_mention entities at UTF-16 offsets, after emoji and Cyrillic", () => {
  const { text, entities } = withMentions("🚨 Срок нарушен", [
    { id: 11, name: "Ирина 👩‍💼" },
    { id: 12, name: "<b>Олег</b>" },
  ]);
  expect(text).toBe("🚨 Срок нарушен\nИрина 👩‍💼, <b>Олег</b>");
  for (const [i, entity] of entities.entries()) {
    expect(text.slice(entity.offset, entity.offset + entity.length)).toBe(
      ["Ирина 👩‍💼", "<b>Олег</b>"][i],
    );
  }
  expect(entities.map((e) => e.type)).toEqual(["text_mention", "text_mention"]);
});

test("nobody to mention: the text stays as it is", () => {
  expect(withMentions("Сводка", [])).toEqual({ text: "Сводка", entities: [] });
});
