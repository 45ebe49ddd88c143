import { describe, expect, test } from "vitest";
import { sendCapShare } from "../../app/process-supervisor.js";

// Telegram limits a bot as a whole, so the children of one `npm start` split its cap.
describe("each child's share of TELEGRAM_SENDS_PER_SECOND", () => {
  const withCap = (sendsPerSecond: number) => ({
    telegram: { token: "t", apiRoot: "http://x", webhook: undefined, sendsPerSecond },
  });

  test("children together never exceed the bot's cap", () => {
    for (const [cap, children] of [
      [30, 2],
      [30, 4],
      [31, 3],
      [2000, 2],
    ] as const) {
      const share = Number(sendCapShare(withCap(cap), children).TELEGRAM_SENDS_PER_SECOND);
      expect(share * children).toBeLessThanOrEqual(cap);
      expect(share * children).toBeGreaterThan(cap - children);
    }
  });

  test("a child still sends when there are more children than sends per second", () => {
    expect(sendCapShare(withCap(2), 4)).toEqual({ TELEGRAM_SENDS_PER_SECOND: "1" });
  });

  test("no parents' bot, nothing to split", () => {
    expect(sendCapShare({ telegram: undefined }, 2)).toEqual({});
  });
});
