import { describe, expect, it } from "vitest";
import { VkApiError } from "./api-error.js";
import { parseKeyboard } from "./methods/keyboard-check.js";

const button = (label: string) => ({ action: { type: "text", label }, color: "secondary" });
const grid = (rows: number, columns: number) =>
  Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => button(`${r}${c}`)),
  );

function codeOf(keyboard: unknown): number | undefined {
  try {
    parseKeyboard(typeof keyboard === "string" ? keyboard : JSON.stringify(keyboard));
    return undefined;
  } catch (error) {
    return error instanceof VkApiError ? error.code : -1;
  }
}

/** The keyboard limits from dev.vk.com, checked without a server. */
describe("fake VK: keyboard validation", () => {
  it("accepts the largest allowed keyboards", () => {
    expect(codeOf({ inline: true, buttons: grid(2, 5) })).toBeUndefined();
    expect(codeOf({ inline: true, buttons: grid(5, 2) })).toBeUndefined();
    expect(codeOf({ one_time: true, buttons: grid(8, 5) })).toBeUndefined();
    expect(codeOf({ buttons: [] })).toBeUndefined();
  });

  it("rejects anything over the limits or malformed with 911", () => {
    expect(codeOf({ inline: true, buttons: grid(1, 6) })).toBe(911);
    expect(codeOf({ inline: true, buttons: grid(7, 1) })).toBe(911);
    expect(codeOf({ inline: true, buttons: grid(4, 3) })).toBe(911);
    expect(codeOf({ buttons: grid(11, 1) })).toBe(911);
    expect(codeOf({ buttons: grid(9, 5) })).toBe(911);
    expect(codeOf({ inline: true, one_time: true, buttons: grid(1, 1) })).toBe(911);
    expect(codeOf({ buttons: [[{ action: { type: "text" } }]] })).toBe(911);
    expect(codeOf({ buttons: [[{ action: { type: "text", label: "x", payload: "{" } }]] })).toBe(
      911,
    );
    expect(codeOf({ buttons: [[{ action: { type: "teleport", label: "x" } }]] })).toBe(911);
    expect(codeOf("[1, 2")).toBe(911);
  });
});
