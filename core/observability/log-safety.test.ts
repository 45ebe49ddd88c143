import { describe, expect, test } from "vitest";
import { createLogSafety } from "./log-safety.js";

const safety = createLogSafety();

describe("log safety", () => {
  test.each([
    [
      "https://api.telegram.org/bot6123456789:AAF3kdl9sKD83kdlsLLd93kdlsKDl3kdlsA/getMe",
      "6123456789:AAF",
    ],
    ["http://127.0.0.1:9011/file/bot7000001:short/photos/1.jpg", "7000001:short"],
    ["https://api.vk.com/method/messages.send?access_token=abcdef0123&v=5.199", "abcdef0123"],
    ["token vk1.a.Zx81kd0D93kdkDlsl29dkLLs9_dkw-92kd in a sentence", "Zx81kd0D93"],
    ["postgresql://navigator:Pa55w0rd@db:5432/nav is down", "Pa55w0rd"],
    ["redis://:r3dis-pass@cache:6379", "r3dis-pass"],
  ])("%s loses its secret", (text, secret) => {
    expect(safety.scrub(text)).not.toContain(secret);
  });

  test("ordinary strings stay as they are", () => {
    const text = "ticket 1234 sent at 10:15, chat -1001234567890, message 55";
    expect(safety.scrub(text)).toBe(text);
    const stack = "at deliver (/srv/app/bots/telegram/send-limiter.ts:41:7)";
    expect(safety.scrub(stack)).toBe(stack);
  });

  test("payloads and raw updates are dropped, ids kept, texts hidden", () => {
    expect(
      safety.sanitize({
        outboxId: 7,
        payload: { text: "секрет" },
        update: { update_id: 1 },
        nested: { text: "тел 89221112233" },
      }),
    ).toEqual({
      outboxId: 7,
      payload: "[dropped]",
      update: "[dropped]",
      nested: { text: "[text, 15 chars]" },
    });
  });
});
