import { describe, expect, test } from "vitest";
import { createChatPacer } from "./chat-pacer.js";

describe("createChatPacer", () => {
  test("a chat's second send waits out the interval; other chats do not wait", async () => {
    const pace = createChatPacer(200);
    const started = Date.now();
    await pace("1");
    await pace("2");
    expect(Date.now() - started).toBeLessThan(100);
    await pace("1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
