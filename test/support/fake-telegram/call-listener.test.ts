import { Bot } from "grammy";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeTelegram, type ApiCall, type FakeTelegram } from "./index.js";

const TOKEN = "7611:listener";

let tg: FakeTelegram;

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: TOKEN }] });
});

afterAll(async () => {
  await tg.close();
});

test("onCall sees each call once it is answered, the same entry calls() returns, until unsubscribed", async () => {
  const api = new Bot(TOKEN, { client: { apiRoot: tg.apiRoot } }).api;
  const parent = tg.createUser();
  parent.sendText(TOKEN, "Здравствуйте");
  const seen: ApiCall[] = [];
  const stop = tg.onCall((call) => seen.push(call));
  const [update] = await api.getUpdates();
  await api.sendMessage(parent.id, "Добрый день");
  await expect(api.sendMessage(parent.id, "")).rejects.toThrow();
  stop();
  await api.getMe();
  expect(seen.map((c) => [c.method, c.ok])).toEqual([
    ["getUpdates", true],
    ["sendMessage", true],
    ["sendMessage", false],
  ]);
  expect(seen[0]?.result).toEqual([update]);
  expect(seen[1]).toBe(tg.calls("sendMessage")[0]);
});
