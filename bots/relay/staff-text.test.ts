import { describe, expect, test } from "vitest";
import { classifyStaffText, commandArgs, messageLink } from "./staff-text.js";

describe("agent texts", () => {
  test("'!' makes an internal note, without the mark", () => {
    expect(classifyStaffText("! родитель звонил, ждём справку")).toEqual({
      kind: "note",
      text: "родитель звонил, ждём справку",
    });
  });

  test("a plain text is a reply, kept exactly as written", () => {
    expect(classifyStaffText("Здравствуйте!  Проверим.")).toEqual({
      kind: "reply",
      text: "Здравствуйте!  Проверим.",
    });
  });

  test.each(["/start", "/resolve@other_bot", "/foo bar"])("%s is never a reply", (text) => {
    expect(classifyStaffText(text)).toEqual({ kind: "unknown_command" });
  });

  test("'/ 5 минут' and a path are replies", () => {
    expect(classifyStaffText("/ 5 минут").kind).toBe("reply");
    expect(classifyStaffText("/путь/к/файлу").kind).toBe("reply");
  });

  test("command arguments", () => {
    expect(commandArgs("/resolve  Готово, договор подписан")).toBe("Готово, договор подписан");
    expect(commandArgs("/resolve@relay_bot Готово")).toBe("Готово");
    expect(commandArgs("/resolve")).toBe("");
    expect(commandArgs("/note строка 1\nстрока 2")).toBe("строка 1\nстрока 2");
  });

  test("links to topics of a supergroup", () => {
    expect(messageLink("-1001234567890", 42)).toBe("https://t.me/c/1234567890/42");
  });
});
