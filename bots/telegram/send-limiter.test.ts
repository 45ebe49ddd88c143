import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { ApiCallFn } from "grammy";
import { createReservoir, sendLimiter } from "./send-limiter.js";

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
  test("no second holds more starts than the reservoir, and waiting calls keep their order", async () => {
    const { prev, starts } = recorder();
    const limit = sendLimiter(limits);
    const calls = Array.from({ length: 7 }, (_, i) =>
      limit(prev, "sendMessage", { chat_id: 100 + i, text: "x" }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(starts.map((s) => s.chat)).toEqual([100, 101, 102]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts.map((s) => s.chat)).toEqual([100, 101, 102, 103, 104, 105]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(starts.map((s) => s.at - 1_000_000)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
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

describe("createReservoir", () => {
  test("refills at fixed steps from creation, however late the next caller comes", async () => {
    const reservoir = createReservoir(2, 1000, Date.now);
    expect(reservoir.take()).toBeUndefined();
    expect(reservoir.take()).toBeUndefined();
    expect(reservoir.take()).toBeInstanceOf(Promise);
    await vi.advanceTimersByTimeAsync(3500);
    // The waiter took one unit at 1000; the refill at 3000 gave two again.
    expect(reservoir.take()).toBeUndefined();
    expect(reservoir.take()).toBeUndefined();
    expect(reservoir.take()).toBeInstanceOf(Promise);
  });
});
