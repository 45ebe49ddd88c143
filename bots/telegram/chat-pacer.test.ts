import { describe, expect, test } from "vitest";
import { createChatPacer } from "./chat-pacer.js";

describe("createChatPacer", () => {
  test("a chat's second send waits out the interval; other chats do not wait", async () => {
    const pacer = createChatPacer(200);
    const started = Date.now();
    await pacer.wait("1");
    pacer.sent("1");
    await pacer.wait("2");
    pacer.sent("2");
    expect(Date.now() - started).toBeLessThan(100);
    await pacer.wait("1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
