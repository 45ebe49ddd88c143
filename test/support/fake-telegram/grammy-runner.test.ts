import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { Bot } from "grammy";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./index.js";

const TOKEN = "7501:runner";

let tg: FakeTelegram;
let runner: RunnerHandle;
const handled: string[] = [];

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: TOKEN }] });
  const bot = new Bot(TOKEN, { client: { apiRoot: tg.apiRoot } });
  bot.use(sequentialize((ctx) => String(ctx.chat?.id)));
  bot.on("message:text", async (ctx) => {
    handled.push(ctx.message.text);
    await ctx.reply(`ok ${ctx.message.text}`);
  });
  await bot.init();
  runner = run(bot, { runner: { fetch: { timeout: 1 } } });
});

afterAll(async () => {
  if (runner.isRunning()) await runner.stop();
  await tg.close();
});

test("@grammyjs/runner fetches and handles updates from many chats concurrently", async () => {
  const parents = Array.from({ length: 5 }, (_, i) =>
    tg.createUser({ first_name: `Родитель ${i}` }),
  );
  for (const parent of parents) {
    parent.sendText(TOKEN, "первое");
    parent.sendText(TOKEN, "второе");
  }
  await tg.waitForSent({ token: TOKEN, count: 10 });
  for (const parent of parents) {
    expect(tg.sentTexts({ chatId: parent.id })).toEqual(["ok первое", "ok второе"]);
  }
  expect(handled).toHaveLength(10);
  // The runner confirms a batch with its next getUpdates call.
  await tg.waitFor(() => tg.pendingUpdateCount(TOKEN) === 0);
  await runner.stop();
});
