import { describe, expect, test } from "vitest";
import type { Button } from "../../core/outbound/index.js";
import { keyboardLimits, truncateLabel, vkKeyboard } from "./vk-keyboard.js";

const buttons = (count: number, perRow = 1): Button[][] => {
  const all = Array.from({ length: count }, (_, i) => ({
    label: `B${i + 1}`,
    action: `fe:${i + 1}`,
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < all.length; i += perRow) rows.push(all.slice(i, i + perRow));
  return rows;
};
const shape = (rows: unknown[][] | undefined) => rows?.map((row) => row.length);

describe("core buttons as a VK keyboard", () => {
  test("no buttons, no keyboard", () => {
    expect(vkKeyboard(undefined)).toBeUndefined();
    expect(vkKeyboard([[]])).toBeUndefined();
  });

  test("up to ten buttons: inline callback buttons with the action in a JSON payload", () => {
    const keyboard = vkKeyboard([[{ label: "Помогло", action: "fh:7:1" }]]);
    expect(keyboard).toEqual({
      inline: true,
      buttons: [[{ action: { type: "callback", label: "Помогло", payload: '{"a":"fh:7:1"}' } }]],
    });
  });

  test("more than six rows of ten buttons are packed two to a row to stay inline", () => {
    const keyboard = vkKeyboard(buttons(9));
    expect(keyboard?.inline).toBe(true);
    expect(shape(keyboard?.buttons)).toEqual([2, 2, 2, 2, 1]);
    expect(keyboard?.buttons.flat().map((b) => b.action.label)).toEqual(
      buttons(9)
        .flat()
        .map((b) => b.label),
    );
  });

  test("more than ten buttons: a one-time standard keyboard of text buttons within 5 × 10", () => {
    const keyboard = vkKeyboard(buttons(24));
    expect(keyboard?.inline).toBeUndefined();
    expect(keyboard?.one_time).toBe(true);
    expect(keyboard?.buttons.length).toBeLessThanOrEqual(keyboardLimits.standard.rows);
    expect(keyboard?.buttons.flat().every((b) => b.action.type === "text")).toBe(true);
    expect(keyboard?.buttons.flat()).toHaveLength(24);
  });

  test("rows wider than five are split; more than 40 buttons are cut to 40", () => {
    expect(shape(vkKeyboard(buttons(7, 7))?.buttons)).toEqual([5, 2]);
    const huge = vkKeyboard(buttons(50));
    expect(huge?.buttons.flat()).toHaveLength(40);
    expect(shape(huge?.buttons)).toEqual(Array.from({ length: 10 }, () => 4));
  });

  test("links become open_link buttons", () => {
    const keyboard = vkKeyboard([
      [{ label: "Навигатор", url: "https://xn--80apaohbc3aw9e.xn--p1ai/" }],
    ]);
    expect(keyboard?.buttons[0]?.[0]?.action).toEqual({
      type: "open_link",
      label: "Навигатор",
      link: "https://xn--80apaohbc3aw9e.xn--p1ai/",
    });
  });

  test("labels over 40 characters are cut with an ellipsis, counting characters", () => {
    expect(truncateLabel("⭐⭐⭐⭐⭐")).toBe("⭐⭐⭐⭐⭐");
    const long = "Как подать заявку на обучение по программе с сертификатом";
    expect([...truncateLabel(long)]).toHaveLength(40);
    expect(truncateLabel(long).endsWith("…")).toBe(true);
  });
});
