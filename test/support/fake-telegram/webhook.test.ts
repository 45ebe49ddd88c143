import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./index.js";

const TOKEN = "7101:grammy-webhook";
const SECRET = "s3cr3t_Token-1";

let tg: FakeTelegram;
let bot: Bot;
let server: Server;
let webhookUrl: string;
let failuresLeft = 0;
let slowOnce = true;

beforeAll(async () => {
  tg = await startFakeTelegram({ webhookTimeoutMs: 1000, webhookRetryDelayMs: 50 });
  bot = new Bot(TOKEN, {
    client: { apiRoot: tg.apiRoot, canUseWebhookReply: (method) => method === "sendChatAction" },
  });
  bot.on("message:text", async (ctx) => {
    if (ctx.message.text === "сбой" && failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error("database is down");
    }
    if (ctx.message.text === "печатаю") return void (await ctx.replyWithChatAction("typing"));
    if (ctx.message.text === "медленно" && slowOnce) {
      slowOnce = false;
      await new Promise((resolve) => setTimeout(resolve, 1300));
    }
    await ctx.reply(`Принято: ${ctx.message.text}`);
  });
  const handle = webhookCallback(bot, "http", { secretToken: SECRET });
  server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The raw http adapter leaves the response open on errors: answer 500 so Telegram retries.
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
});

afterAll(async () => {
  await tg.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("webhook delivery to grammY's webhookCallback", () => {
  test("a wrong secret gets 401 and the update waits; the right secret delivers it once", async () => {
    await bot.api.setWebhook(webhookUrl, { secret_token: "not-the-secret" });
    const parent = tg.createUser({ first_name: "Ирина" });
    const { update } = parent.sendText(TOKEN, "вопрос");
    await tg.waitFor(() => tg.webhookDeliveries(TOKEN).filter((d) => d.status === 401).length >= 2);
    const info = await bot.api.getWebhookInfo();
    expect(info).toMatchObject({
      url: webhookUrl,
      pending_update_count: 1,
      last_error_message: "Wrong response from the webhook: 401 Unauthorized",
    });
    expect(tg.sentMessages({ chatId: parent.id })).toEqual([]);

    await bot.api.setWebhook(webhookUrl, { secret_token: SECRET });
    await tg.waitForSent({ chatId: parent.id });
    await tg.waitFor(() => tg.pendingUpdateCount(TOKEN) === 0);
    expect(tg.sentTexts({ chatId: parent.id })).toEqual(["Принято: вопрос"]);
    const statuses = tg
      .webhookDeliveries(TOKEN)
      .filter((d) => d.updateId === update?.update_id)
      .map((d) => d.status);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });

  test("a handler error answers 500 and Telegram redelivers until it succeeds", async () => {
    failuresLeft = 2;
    const parent = tg.createUser();
    const { update } = parent.sendText(TOKEN, "сбой");
    const statusesOf = () =>
      tg
        .webhookDeliveries(TOKEN)
        .filter((d) => d.updateId === update?.update_id)
        .map((d) => d.status);
    // The reply is sent before the webhook answer completes: wait for the delivery record.
    const statuses = await tg.waitFor(() =>
      statusesOf().includes(200) ? statusesOf() : undefined,
    );
    expect(statuses).toEqual([500, 500, 200]);
    expect(tg.sentTexts({ chatId: parent.id })).toEqual(["Принято: сбой"]);
  });

  test("a slow answer times out and is redelivered: the handler runs twice", async () => {
    const parent = tg.createUser();
    const { update } = parent.sendText(TOKEN, "медленно");
    await tg.waitFor(() => tg.sentTexts({ chatId: parent.id }).length === 2, 4000);
    const deliveries = tg.webhookDeliveries(TOKEN).filter((d) => d.updateId === update?.update_id);
    expect(deliveries[0]?.error).toBe("Read timeout expired");
    expect(deliveries[1]?.status).toBe(200);
    // Both runs replied: the duplicate a slow webhook handler causes on real Telegram too.
    expect(tg.sentTexts({ chatId: parent.id })).toEqual(["Принято: медленно", "Принято: медленно"]);
  });

  test("a method returned in the webhook answer is executed (webhook reply)", async () => {
    const parent = tg.createUser();
    parent.sendText(TOKEN, "печатаю");
    await tg.waitFor(() => tg.chatActions(parent.id)[0]);
    const calls = tg.calls({ method: "sendChatAction" });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      via: "webhook-reply",
      ok: true,
      params: { action: "typing" },
    });
  });

  test("an unreachable webhook is recorded, never crashes, and deleteWebhook restores polling", async () => {
    await bot.api.setWebhook("http://127.0.0.1:9/nowhere", { secret_token: SECRET });
    const parent = tg.createUser();
    parent.sendText(TOKEN, "куда?");
    await tg.waitFor(() =>
      tg.webhookDeliveries(TOKEN).find((d) => d.error === "Connection refused"),
    );
    await bot.api.deleteWebhook();
    const pending = await bot.api.getUpdates({ timeout: 0 });
    expect(pending.map((u) => u.message?.text)).toEqual(["куда?"]);
  });
});
