import { autoRetry } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "./index.js";

const TOKEN = "7201:faults";

let tg: FakeTelegram;
let bot: Bot;
let parent: FakeUser;

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: TOKEN }] });
  bot = new Bot(TOKEN, { client: { apiRoot: tg.apiRoot } });
  parent = tg.createUser();
  parent.sendText(TOKEN, "/start");
});

afterEach(() => {
  tg.faults.clear();
  tg.setRateLimits({ privateChat: null, group: null });
});

afterAll(async () => {
  await tg.close();
});

describe("injected faults", () => {
  test("one 429 with retry_after 1: auto-retry waits, retries once, and the message appears once", async () => {
    const retrying = new Bot(TOKEN, { client: { apiRoot: tg.apiRoot } });
    retrying.api.config.use(autoRetry({ maxRetryAttempts: 3 }));
    tg.faults.failNext({ method: "sendMessage", errorCode: 429, retryAfter: 1 });
    const started = Date.now();
    const message = await retrying.api.sendMessage(parent.id, "Ваша заявка №17 принята");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const attempts = tg.calls({ method: "sendMessage", chatId: parent.id });
    expect(attempts.map((c) => [c.httpStatus, c.injected])).toEqual([
      [429, "fault"],
      [200, undefined],
    ]);
    expect(attempts[0]?.error).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    expect(tg.sentMessages({ chatId: parent.id })).toEqual([message]);
  });

  test("429 and 5xx do not execute the method", async () => {
    tg.faults.failNext({ method: ["sendMessage", "copyMessage"], errorCode: 502, count: 2 });
    await expect(bot.api.sendMessage(parent.id, "a")).rejects.toMatchObject({
      error_code: 502,
      description: "Bad Gateway",
    });
    await expect(bot.api.copyMessage(parent.id, parent.id, 1)).rejects.toMatchObject({
      error_code: 502,
    });
    tg.faults.failNext({ method: "*", errorCode: 500 });
    await expect(bot.api.getMe()).rejects.toMatchObject({
      error_code: 500,
      description: "Internal Server Error",
    });
    expect(tg.sentMessages({ chatId: parent.id, method: "sendMessage" })).toHaveLength(1);
    expect(tg.faults.injected.map((f) => f.errorCode)).toEqual([429, 502, 502, 500]);
  });

  test("a seeded failure rate fails the same calls on every run", async () => {
    const outcomes = async () => {
      tg.faults.clear();
      tg.faults.failRandomly({
        method: "sendChatAction",
        rate: 0.3,
        errorCode: 429,
        retryAfter: 1,
        seed: 42,
      });
      const results: boolean[] = [];
      for (let i = 0; i < 20; i += 1) {
        results.push(
          await bot.api.sendChatAction(parent.id, "typing").then(
            () => true,
            () => false,
          ),
        );
      }
      return results;
    };
    const first = await outcomes();
    const second = await outcomes();
    expect(second).toEqual(first);
    const failed = first.filter((ok) => !ok).length;
    expect(failed).toBeGreaterThan(2);
    expect(failed).toBeLessThan(12);
  });
});

describe("flood limits", () => {
  test("a group limit answers 429 with a truthful retry_after and counts violations", async () => {
    tg.setRateLimits({ group: { max: 3, windowMs: 1000 } });
    const group = tg.createGroup({ title: "Операторы", members: [TOKEN] });
    const results = [];
    for (let i = 0; i < 5; i += 1) {
      results.push(
        await bot.api.sendMessage(group.id, `сообщение ${i}`).then(
          () => "ok",
          (e: { error_code: number; parameters: { retry_after: number } }) =>
            `${e.error_code}/${e.parameters.retry_after}`,
        ),
      );
    }
    expect(results).toEqual(["ok", "ok", "ok", "429/1", "429/1"]);
    expect(tg.stats.rateLimitViolations.filter((v) => v.chatId === group.id)).toHaveLength(2);
    expect(tg.stats.maxMessagesInWindow(group.id, 1000)).toBe(3);
  });

  test("with auto-retry every message is delivered and the window is never exceeded", async () => {
    tg.setRateLimits({ privateChat: { max: 2, windowMs: 500 } });
    const retrying = new Bot(TOKEN, { client: { apiRoot: tg.apiRoot } });
    retrying.api.config.use(autoRetry());
    const other = tg.createUser();
    other.sendText(TOKEN, "/start");
    await Promise.all([1, 2, 3, 4].map((n) => retrying.api.sendMessage(other.id, `часть ${n}`)));
    expect(tg.sentMessages({ chatId: other.id })).toHaveLength(4);
    expect(tg.stats.maxMessagesInWindow(other.id, 500)).toBeLessThanOrEqual(2);
    expect(
      tg.stats.rateLimitViolations.filter((v) => v.chatId === other.id).length,
    ).toBeGreaterThan(0);
  });
});
