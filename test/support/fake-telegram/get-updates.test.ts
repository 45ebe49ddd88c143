import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./index.js";

const TOKEN = "5001:polling-test";

let tg: FakeTelegram;

beforeAll(async () => {
  tg = await startFakeTelegram({ bots: [{ token: TOKEN, username: "poll_bot" }] });
});

afterAll(async () => {
  await tg.close();
});

interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}

async function call(
  method: string,
  params: Record<string, unknown> = {},
  token = TOKEN,
): Promise<Answer> {
  const response = await fetch(`${tg.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function updates(params: Record<string, unknown>): Promise<Update[]> {
  const answer = await call("getUpdates", params);
  expect(answer.body.ok).toBe(true);
  return answer.body.result as Update[];
}

describe("getUpdates", () => {
  test("unconfirmed updates come back until a higher offset confirms them", async () => {
    const parent = tg.createUser({ first_name: "Ольга" });
    const first = parent.sendText(TOKEN, "раз").update;
    const second = parent.sendText(TOKEN, "два").update;
    if (!first || !second) throw new Error("updates expected");

    expect((await updates({ limit: 1 })).map((u) => u.update_id)).toEqual([first.update_id]);
    expect((await updates({})).map((u) => u.update_id)).toEqual([
      first.update_id,
      second.update_id,
    ]);
    // offset = first + 1 confirms the first update only.
    expect((await updates({ offset: first.update_id + 1 })).map((u) => u.update_id)).toEqual([
      second.update_id,
    ]);
    expect((await updates({})).map((u) => u.update_id)).toEqual([second.update_id]);
    expect(await updates({ offset: second.update_id + 1 })).toEqual([]);
    expect(tg.pendingUpdateCount(TOKEN)).toBe(0);

    // A test can push a confirmed update back, as a crash-and-restart would replay it.
    tg.redeliver(TOKEN, first.update_id);
    expect((await updates({})).map((u) => u.update_id)).toEqual([first.update_id]);
    await updates({ offset: first.update_id + 1 });
  });

  test("a long poll waits for the timeout, and answers as soon as an update arrives", async () => {
    const idleStart = Date.now();
    expect(await updates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - idleStart).toBeGreaterThanOrEqual(950);

    const parent = tg.createUser();
    const waiting = updates({ timeout: 10 });
    const started = Date.now();
    setTimeout(() => parent.sendText(TOKEN, "/start"), 100);
    const [update] = await waiting;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(update?.message?.text).toBe("/start");
    expect(update?.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    await updates({ offset: (update?.update_id ?? 0) + 1 });
  });

  test("a second long poll ends the first with 409, as two running bot instances would", async () => {
    const first = call("getUpdates", { timeout: 5 });
    await tg.waitFor(() => tg.calls("getUpdates").length > 0 && true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = call("getUpdates", { timeout: 5 });
    expect(await first).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    tg.createUser().sendText(TOKEN, "разбудить");
    const [woken] = (await second).body.result as Update[];
    expect(woken?.message?.text).toBe("разбудить");
    await updates({ offset: (woken?.update_id ?? 0) + 1 });
  });

  test("a negative offset keeps only the newest updates", async () => {
    const parent = tg.createUser();
    for (const text of ["a", "b", "c"]) parent.sendText(TOKEN, text);
    const last = await updates({ offset: -1 });
    expect(last.map((u) => u.message?.text)).toEqual(["c"]);
    await updates({ offset: (last[0]?.update_id ?? 0) + 1 });
  });

  test("getUpdates is refused while a webhook is set", async () => {
    expect((await call("setWebhook", { url: "http://127.0.0.1:9/hook" })).body).toEqual({
      ok: true,
      result: true,
      description: "Webhook was set",
    });
    expect((await call("getUpdates")).body.description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    expect((await call("deleteWebhook")).body.ok).toBe(true);
  });
});

describe("protocol", () => {
  test("unknown methods are 404, unknown tokens 401, method names are case-insensitive", async () => {
    expect(await call("sendPigeon")).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found: method not found" },
    });
    expect(await call("getMe", {}, "not-a-token")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    const me = await call("GETME");
    expect(me.body.result).toMatchObject({ id: 5001, is_bot: true, username: "poll_bot" });
  });

  test("urlencoded and query-string parameters work like JSON", async () => {
    const parent = tg.createUser();
    parent.sendText(TOKEN, "hi");
    const form = await fetch(`${tg.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        chat_id: String(parent.id),
        text: "<i>ok</i>",
        parse_mode: "HTML",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Да", callback_data: "yes" }]] }),
      }),
    });
    const body = (await form.json()) as { result: { text: string; reply_markup: unknown } };
    expect(body.result.text).toBe("ok");
    expect(body.result.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Да", callback_data: "yes" }]],
    });
    const query = await fetch(`${tg.apiRoot}/bot${TOKEN}/getChat?chat_id=${parent.id}`);
    expect(((await query.json()) as { result: { type: string } }).result.type).toBe("private");
  });

  test("missing parameters are named in the error", async () => {
    expect((await call("copyMessage", { chat_id: 1 })).body.description).toBe(
      'Bad Request: parameter "from_chat_id" is required',
    );
    expect((await call("sendMessage", { text: "x" })).body.description).toBe(
      "Bad Request: chat_id is empty",
    );
  });
});
