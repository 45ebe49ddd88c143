import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { ApiCallFn } from "grammy";
import { createTokenBucket, sendLimiter } from "./send-limiter.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake Bot API call that records when each call started and answers at once. */
function recorder() {
  const starts: { chat: unknown; at: number }[] = [];
  const prev = (async (_method: string, payload: Record<string, unknown> | undefined) => {
    starts.push({ chat: payload?.chat_id, at: Date.now() });
    return { ok: true, result: true };
  }) as unknown as ApiCallFn;
  return { prev, starts };
}

const limits = { perSecond: 3, chatIntervalMs: 1000, groupIntervalMs: 3000 };

describe("sendLimiter", () => {
  test("starts are spread to the rate, after a burst of a tenth of a second's worth, in order", async () => {
    const { prev, starts } = recorder();
    const limit = sendLimiter({ ...limits, perSecond: 20 });
    const calls = Array.from({ length: 8 }, (_, i) =>
      limit(prev, "sendMessage", { chat_id: 100 + i, text: "x" }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(starts.map((s) => s.chat)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
    // A burst of 2 (20/s for a tenth of a second), then one every 50 ms.
    expect(starts.map((s) => s.at - 1_000_000)).toEqual([0, 0, 50, 100, 150, 200, 250, 300]);
  });

  test("calls to one chat start one interval apart (a group's longer), one at a time", async () => {
    const { prev, starts } = recorder();
    const limit = sendLimiter({ ...limits, perSecond: 100 });
    const calls = [
      limit(prev, "sendMessage", { chat_id: 7, text: "a" }),
      limit(prev, "sendMessage", { chat_id: 7, text: "b" }),
      limit(prev, "sendMessage", { chat_id: 8, text: "c" }),
      limit(prev, "sendMessage", { chat_id: -5, text: "d" }),
      limit(prev, "sendMessage", { chat_id: -5, text: "e" }),
    ];
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(calls);
    const at = (chat: number) => starts.filter((s) => s.chat === chat).map((s) => s.at - 1_000_000);
    expect(at(7)).toEqual([0, 1000]);
    expect(at(8)).toEqual([0]);
    expect(at(-5)).toEqual([0, 3000]);
  });

  test("calls without a chat (getUpdates, getFile) pass at once and use no reservoir", async () => {
    const { prev, starts } = recorder();
    const limit = sendLimiter({ ...limits, perSecond: 1 });
    await limit(prev, "getUpdates", { offset: 1 });
    await limit(prev, "getFile", { file_id: "f" });
    await limit(prev, "sendMessage", { chat_id: 1, text: "x" });
    expect(starts).toHaveLength(3);
  });

  test("a failed call does not hold the chat's next call back beyond the interval", async () => {
    const limit = sendLimiter(limits);
    const failing = (async () => {
      throw new Error("boom");
    }) as unknown as ApiCallFn;
    const { prev, starts } = recorder();
    const first = limit(failing, "sendMessage", { chat_id: 1, text: "x" });
    const second = limit(prev, "sendMessage", { chat_id: 1, text: "y" });
    await expect(first).rejects.toThrow("boom");
    await vi.advanceTimersByTimeAsync(1000);
    await second;
    expect(starts.map((s) => s.at - 1_000_000)).toEqual([1000]);
  });
});

describe("createTokenBucket", () => {
  test("no sliding second holds more than the rate and one burst, however the calls come", async () => {
    const bucket = createTokenBucket(30, Date.now);
    const starts: number[] = [];
    const calls = Array.from({ length: 100 }, async () => {
      await bucket.take();
      starts.push(Date.now());
    });
    await vi.advanceTimersByTimeAsync(4000);
    await Promise.all(calls);
    const most = Math.max(
      ...starts.map((s) => starts.filter((x) => x >= s && x < s + 1000).length),
    );
    expect(most).toBeLessThanOrEqual(30 + 3);
    // Idle, the bucket fills up to one burst only.
    await vi.advanceTimersByTimeAsync(10_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(bucket.take()).toBeInstanceOf(Promise);
    await vi.advanceTimersByTimeAsync(100);
  });
});
