import { describe, expect, test } from "vitest";
import { ConfigError, lineChatId, loadConfig } from "./load-config.js";

const base = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/nav",
  TELEGRAM_BOT_TOKEN: "123:abc",
  RELAY_BOT_TOKEN: "456:def",
  RELAY_CHAT_ID: "-1001",
};

describe("lines in the configuration", () => {
  test("a line's own group and SLA; empty values fall back to the global ones", () => {
    const config = loadConfig({
      ...base,
      RELAY_CHAT_ID_BOOKING: "-1002",
      RELAY_CHAT_ID_SITE: "",
      SLA_FIRST_RESPONSE_MINUTES_BOOKING: "240",
      SLA_FIRST_RESPONSE_MINUTES_OTHER: "",
    });
    if (!config.relay) throw new Error("relay off");
    expect(config.relay.lines).toEqual({ booking: "-1002" });
    expect(lineChatId(config.relay, "booking")).toBe("-1002");
    expect(lineChatId(config.relay, "site")).toBe("-1001");
    expect(config.sla.lineMinutes).toEqual({ booking: 240 });
  });

  test("malformed values are named, and a line group needs the main one", () => {
    let problems: string[] = [];
    try {
      loadConfig({
        DATABASE_URL: base.DATABASE_URL,
        TELEGRAM_BOT_TOKEN: "123:abc",
        RELAY_CHAT_ID_SITE: "site-group",
        SLA_FIRST_RESPONSE_MINUTES_SITE: "0",
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RELAY_CHAT_ID_SITE is invalid: must be a numeric Telegram chat id/),
        expect.stringMatching(
          /^SLA_FIRST_RESPONSE_MINUTES_SITE is invalid: must be a whole number above 0/,
        ),
        expect.stringMatching(/^RELAY_CHAT_ID is missing: RELAY_CHAT_ID_SITE is set/),
      ]),
    );
  });
});
