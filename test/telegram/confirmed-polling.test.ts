import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  startConfirmedPolling,
  type PollingHandle,
} from "../../bots/telegram/confirmed-polling.js";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram/index.js";

let tg: FakeTelegram;
let tokenSeq = 0;

beforeAll(async () => {
  tg = await startFakeTelegram();
});
afterAll(async () => {
  await tg.close();
});

interface Failure {
  updateId: number;
  willRetry: boolean;
}

/** A bare grammY bot on the fake, polled by startConfirmedPolling with `handler`. */
async function polledBot(token: string, handler: (ctx: Context) => Promise<void>) {
  const bot = new Bot(token, { client: { apiRoot: tg.apiRoot } });
  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id)));
  bot.on("message:text", handler);
  await bot.init();
  const failures: Failure[] = [];
  const polling: PollingHandle = startConfirmedPolling(bot, {
    timeoutSeconds: 1,
    allowedUpdates: ["message"],
    onUpdateFailed: (update: Update, _error, willRetry) =>
      failures.push({ updateId: update.update_id, willRetry }),
    onPollFailed: () => undefined,
  });
  return { bot, polling, failures };
}

function newToken(): string {
  tokenSeq += 1;
  return `76${String(tokenSeq).padStart(2, "0")}:confirmed-polling`;
}

function connectionReset(): Error {
  return Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
}

describe("confirmed long polling", () => {
  test("an update stays unconfirmed at Telegram until its handler finished", async () => {
    const token = newToken();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const { polling } = await polledBot(token, async (ctx) => {
      if (ctx.message?.text === "медленное") await gate;
      handled.push(ctx.message?.text ?? "");
    });
    const parent = tg.createUser();
    const other = tg.createUser();
    parent.sendText(token, "медленное");
    other.sendText(token, "быстрое");
    await tg.waitFor(() => (handled.includes("быстрое") ? true : undefined));
    // The fast one is done, but the slow one is older: both stay with Telegram.
    expect(tg.pendingUpdateCount(token)).toBe(2);
    release();
    await tg.waitFor(() => (tg.pendingUpdateCount(token) === 0 ? true : undefined), 5000);
    expect(handled).toEqual(["быстрое", "медленное"]);
    await polling.stop();
  });

  test("an update cut short by a stop is handed out again to the next process, once", async () => {
    const token = newToken();
    const first = await polledBot(token, () => Promise.reject(connectionReset()));
    const parent = tg.createUser();
    parent.sendText(token, "вопрос во время сбоя базы");
    await tg.waitFor(() => (first.failures.length > 0 ? true : undefined));
    expect(first.failures[0]?.willRetry).toBe(true);
    await first.polling.stop();
    expect(tg.pendingUpdateCount(token)).toBe(1);

    const handled: string[] = [];
    const second = await polledBot(token, (ctx) => {
      handled.push(ctx.message?.text ?? "");
      return Promise.resolve();
    });
    await tg.waitFor(() => (tg.pendingUpdateCount(token) === 0 ? true : undefined), 5000);
    expect(handled).toEqual(["вопрос во время сбоя базы"]);
    await second.polling.stop();
  });

  test("a passing failure is tried again; a bug is logged once and the queue moves on", async () => {
    const token = newToken();
    let resets = 2;
    const handled: string[] = [];
    const { polling, failures } = await polledBot(token, (ctx) => {
      const text = ctx.message?.text ?? "";
      if (text === "сбой соединения" && resets-- > 0) return Promise.reject(connectionReset());
      if (text === "ошибка в коде") return Promise.reject(new TypeError("x is undefined"));
      handled.push(text);
      return Promise.resolve();
    });
    const parent = tg.createUser();
    parent.sendText(token, "сбой соединения");
    parent.sendText(token, "ошибка в коде");
    parent.sendText(token, "после ошибки");
    await tg.waitFor(() => (tg.pendingUpdateCount(token) === 0 ? true : undefined), 8000);
    expect(handled).toEqual(["сбой соединения", "после ошибки"]);
    expect(failures.map((f) => f.willRetry)).toEqual([true, true, false]);
    await polling.stop();
  });

  test("many chats at once: every update handled exactly once, in order per chat", async () => {
    const token = newToken();
    const seen = new Map<number, string[]>();
    const { polling } = await polledBot(token, async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      const list = seen.get(ctx.chat?.id ?? 0) ?? [];
      list.push(ctx.message?.text ?? "");
      seen.set(ctx.chat?.id ?? 0, list);
    });
    const parents = Array.from({ length: 40 }, () => tg.createUser());
    for (let round = 1; round <= 5; round++)
      for (const parent of parents) parent.sendText(token, `сообщение ${round}`);
    await tg.waitFor(() => (tg.pendingUpdateCount(token) === 0 ? true : undefined), 8000);
    for (const parent of parents)
      expect(seen.get(parent.id)).toEqual([1, 2, 3, 4, 5].map((n) => `сообщение ${n}`));
    await polling.stop();
  });
});
