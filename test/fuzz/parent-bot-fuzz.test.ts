import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ApiCall } from "../support/fake-telegram/call-log.js";
import { mulberry32 } from "../support/fake-telegram/faults.js";
import type { FakeUser } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";
import { generateUpdates } from "./random-updates.js";

const UPDATE_COUNT = 10_000;
const SEED = 20_260_101;
const PARENT_COUNT = 40;

/** Everything that escaped every boundary while the fuzz ran. */
const escaped: Array<{ event: string; error: unknown }> = [];
const onRejection = (error: unknown) => escaped.push({ event: "unhandledRejection", error });
const onException = (error: unknown) => escaped.push({ event: "uncaughtException", error });
beforeAll(() => {
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
});
afterAll(() => {
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
});

async function counterValues(h: TelegramHarness, name: "inbound" | "handlerErrors") {
  const metric = await h.core.metrics[name].get();
  return Object.fromEntries(
    metric.values.map((v) => [Object.values(v.labels).join("/"), v.value] as const),
  );
}

function describeFailure(call: ApiCall): string {
  return `${call.method} ${call.httpStatus} ${call.error?.description ?? ""}`.trim();
}

describe("parents' bot under 10,000 random and malformed updates (long polling)", () => {
  let h: TelegramHarness;
  let parents: FakeUser[];
  beforeAll(async () => {
    // Pacing off: this test is about malformed input, and its ~1,600 replies to a handful of
    // parents would take minutes at one message per second per chat. The production pace
    // has its own tests (parent-bot-throttle.test.ts, chat-pacer.test.ts).
    h = await startTelegramHarness({ faq: "default", throttle: false });
    parents = Array.from({ length: PARENT_COUNT }, (_, i) =>
      h.fake.createUser({ first_name: `Родитель ${i}`, language_code: "ru" }),
    );
    for (const parent of parents) parent.sendText(PARENT_BOT_TOKEN, "/start");
    await h.waitFor(
      () => parents.every((p) => h.fake.sentTexts({ chatId: p.id }).length > 0),
      20_000,
      "every parent was greeted",
    );
  });
  afterAll(async () => h?.close());

  test("nothing crashes, nothing escapes, junk is dropped and the bot keeps answering", async () => {
    const started = Date.now();
    const updates = generateUpdates({
      seed: SEED,
      count: UPDATE_COUNT,
      parents: parents.map((p) => p.user),
      botUsername: h.fake.botUser(PARENT_BOT_TOKEN).username,
    });
    const firstFuzzCall = h.fake.calls().length;

    // Batches keep the fake's pending list (filtered on every getUpdates) short.
    let queued = 0;
    for (let i = 0; i < updates.length; i += 500) {
      for (const { body } of updates.slice(i, i + 500))
        if (h.fake.injectUpdate(PARENT_BOT_TOKEN, body)) queued += 1;
      await h.waitFor(
        () => h.fake.pendingUpdateCount(PARENT_BOT_TOKEN) < 250,
        30_000,
        "the bot keeps fetching",
      );
    }
    // Confirmed polling confirms an update only once it was handled.
    await h.waitFor(
      () => h.fake.pendingUpdateCount(PARENT_BOT_TOKEN) === 0,
      30_000,
      "the bot handled every update",
    );
    const handledMs = Date.now() - started;
    // Fetched is not yet handled, and handled is not yet sent: wait until every stored
    // update is done and nothing the handlers queued is still to be sent (no quiet spell
    // of real time: these are the events themselves).
    await h.waitFor(
      async () =>
        (await h.testDb.db.inbox.count({ where: { doneAt: null } })) === 0 &&
        (await h.testDb.db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) ===
          0,
      30_000,
      "every update handled and every reply sent",
    );

    const fuzzCalls = h.fake.calls({ token: PARENT_BOT_TOKEN }).slice(firstFuzzCall);
    const failures = fuzzCalls.filter((c) => !c.ok);
    const inbound = await counterValues(h, "inbound");
    const count = <T>(items: T[], key: (item: T) => string) =>
      items.reduce<Record<string, number>>((acc, item) => {
        acc[key(item)] = (acc[key(item)] ?? 0) + 1;
        return acc;
      }, {});
    console.log(
      JSON.stringify({
        updates: updates.length,
        queued,
        byKind: count(updates, (u) => u.kind),
        inbound,
        handlerErrors: await counterValues(h, "handlerErrors"),
        outbox: await h.testDb.db.outbox.groupBy({ by: ["status"], _count: true }),
        sent: count(
          fuzzCalls.filter((c) => c.ok),
          (c) => c.method,
        ),
        refused: count(failures, describeFailure),
        getUpdates: h.fake.calls({ token: PARENT_BOT_TOKEN, method: "getUpdates" }).length,
        handledMs,
        settledMs: Date.now() - started,
      }),
    );

    expect(queued).toBe(UPDATE_COUNT);
    expect(escaped).toEqual([]);
    // Every update was handled by core or dropped on purpose; none failed in a handler.
    expect(await counterValues(h, "handlerErrors")).toEqual({});
    expect(inbound["telegram/update_malformed"]).toBeGreaterThan(UPDATE_COUNT / 3);

    // The Bot API refused only what a fuzz makes unavoidable: replies to made-up strangers
    // (Telegram does not know them), answers to made-up button presses, and reactions or
    // edits on made-up messages the fake never saw.
    const known = new Set(parents.map((p) => String(p.id)));
    for (const call of failures) {
      const description = call.error?.description ?? "";
      const unavoidable =
        (description === "Bad Request: chat not found" &&
          !known.has(String(call.params.chat_id))) ||
        (call.method === "answerCallbackQuery" && description.includes("query ID is invalid")) ||
        (call.method === "setMessageReaction" &&
          description === "Bad Request: message to react not found") ||
        (call.method === "editMessageReplyMarkup" &&
          description === "Bad Request: message to edit not found");
      expect(unavoidable, describeFailure(call)).toBe(true);
    }
    // Whatever was delivered went to a parent who wrote to the bot.
    for (const call of fuzzCalls.filter((c) => c.ok && c.params.chat_id !== undefined))
      expect(known.has(String(call.params.chat_id)), describeFailure(call)).toBe(true);
    // No contact was made up from a missing or mistyped id ("undefined", "[object Object]").
    const contacts = await h.testDb.db.contact.findMany({ select: { externalId: true } });
    for (const { externalId } of contacts) expect(externalId).toMatch(/^\d+$/);
    expect(
      await h.testDb.db.outbox.count({ where: { status: { in: ["pending", "sending"] } } }),
    ).toBe(0);

    // Still alive: a new parent gets the FAQ answer and the greeting.
    const anna = h.fake.createUser({ first_name: "Анна", language_code: "ru" });
    anna.sendText(PARENT_BOT_TOKEN, "Как восстановить пароль?");
    const answer = await h.waitFor(() => h.fake.sentTexts({ chatId: anna.id })[0]);
    expect(answer).toMatch(/парол/i);
    anna.sendText(PARENT_BOT_TOKEN, "/start");
    await h.waitFor(() =>
      h.fake.sentTexts({ chatId: anna.id }).find((t) => t.startsWith("Здравствуйте!")),
    );
  }, 180_000);
});

interface Answer {
  status?: number;
  text?: string;
  error?: string;
}

/** One POST with node:http: any bytes, any headers, and what came back (or the socket error). */
function post(port: number, body: Buffer | string, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/telegram/webhook",
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", (e) => resolve({ status: res.statusCode, error: e.message }));
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

describe("parents' bot webhook under malformed requests", () => {
  const secret = "fuzz-secret_42";
  const withSecret = { "x-telegram-bot-api-secret-token": secret };
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness({ webhook: { secret } });
  });
  afterAll(async () => h?.close());

  const update = (updateId: number, text = "/start") => ({
    update_id: updateId,
    message: {
      message_id: 1,
      date: 1_760_000_000,
      chat: { id: 4242, type: "private", first_name: "X" },
      from: { id: 4242, is_bot: false, first_name: "X" },
      text,
    },
  });

  test("a wrong or missing secret is refused with 401 before the body is read", async () => {
    const port = h.httpPort;
    const good = JSON.stringify(update(1));
    expect((await post(port, good, { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(
      401,
    );
    expect(
      (await post(port, good, { "x-telegram-bot-api-secret-token": `${secret}x` })).status,
    ).toBe(401);
    expect((await post(port, good)).status).toBe(401);
    expect((await post(port, "{not json", { "x-telegram-bot-api-secret-token": "x" })).status).toBe(
      401,
    );
    expect(await h.testDb.db.contact.count()).toBe(0);
  });

  test("every body that is not an update gets a 400 with a reason, never a 5xx", async () => {
    const random = mulberry32(7);
    const noise = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    const bodies: Array<[string, Buffer | string]> = [
      ["empty", ""],
      ["broken JSON", '{"update_id": 1, "message": {'],
      ["random bytes", noise],
      ["invalid UTF-8", Buffer.from('{"update_id":1,"x":"\xff\xfe\xc3\x28"}', "latin1")],
      ["UTF-16", Buffer.from(JSON.stringify(update(2)), "utf16le")],
      ["array", "[]"],
      ["array of updates", JSON.stringify([update(3)])],
      ["number", "42"],
      ["null", "null"],
      ["string", '"update"'],
      ["boolean", "true"],
      ["no update_id", JSON.stringify({ message: update(4).message })],
      ["update_id as string", JSON.stringify({ ...update(5), update_id: "5" })],
      ["negative update_id", JSON.stringify({ ...update(6), update_id: -6 })],
      ["fractional update_id", JSON.stringify({ ...update(7), update_id: 7.5 })],
      ["update_id out of range", '{"update_id":1e400}'],
      ["deep nesting", `${"[".repeat(200_000)}${"]".repeat(200_000)}`],
    ];
    for (const [name, body] of bodies) {
      const answer = await post(h.httpPort, body, withSecret);
      expect(answer.status, name).toBe(400);
      expect(answer.text, name).toMatch(/^[a-z_ -]+[a-zA-Z0-9 -]*$/);
    }
    expect(await h.testDb.db.contact.count()).toBe(0);
  });

  test("a 5 MB body is refused with 413, a flood is cut off, and the server keeps serving", async () => {
    const huge = JSON.stringify(update(8, "ы".repeat(2_500_000)));
    const answer = await post(h.httpPort, huge, withSecret);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe("body too large");
    // A flood far beyond the limit is cut off without an answer.
    const flood = await post(h.httpPort, Buffer.alloc(20 * 1024 * 1024, 0x20), withSecret);
    expect(String(flood.status ?? flood.error)).toMatch(/^(413|ECONNRESET|EPIPE)$/);
    expect((await post(h.httpPort, "[]", withSecret)).status).toBe(400);
  });

  test("well-formed updates with junk inside are taken (200) and dropped, never retried", async () => {
    const parents = [h.fake.createUser({ first_name: "Ира" }).user];
    const updates = generateUpdates({ seed: SEED + 1, count: 400, parents, botUsername: "x" });
    const statuses: Record<string, number> = {};
    let next = 0;
    const worker = async () => {
      while (next < updates.length) {
        const i = next++;
        const body = JSON.stringify({ update_id: 700_000 + i, ...updates[i]?.body });
        const { status, error } = await post(h.httpPort, body, withSecret);
        const key = String(status ?? error);
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(statuses).toEqual({ 200: updates.length });
    expect(await counterValues(h, "handlerErrors")).toEqual({});
  });

  test("an update that cannot be stored answers 500, Telegram sends it again, and it is answered", async () => {
    const parent = h.fake.createUser({ first_name: "Лена" });
    const db = h.testDb.db;
    await db.$executeRawUnsafe(`ALTER TABLE "Inbox" RENAME TO "InboxAway"`);
    let restored = false;
    try {
      const sent = parent.sendText(PARENT_BOT_TOKEN, "/start");
      const updateId = sent.update?.update_id;
      await h.waitFor(() =>
        h.fake
          .webhookDeliveries(PARENT_BOT_TOKEN)
          .some((d) => d.updateId === updateId && d.status === 500),
      );
      await db.$executeRawUnsafe(`ALTER TABLE "InboxAway" RENAME TO "Inbox"`);
      restored = true;
      const greeting = await h.waitFor(() => h.fake.sentTexts({ chatId: parent.id })[0]);
      expect(greeting).toMatch(/^Здравствуйте!/);
      expect(
        h.fake
          .webhookDeliveries(PARENT_BOT_TOKEN)
          .filter((d) => d.updateId === updateId)
          .at(-1)?.status,
      ).toBe(200);
    } finally {
      if (!restored) await db.$executeRawUnsafe(`ALTER TABLE "InboxAway" RENAME TO "Inbox"`);
    }
  });

  test("after all that, a parent writing through Telegram is answered", async () => {
    const parent = h.fake.createUser({ first_name: "Оля" });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    const greeting = await h.waitFor(() => h.fake.sentTexts({ chatId: parent.id })[0]);
    expect(greeting).toMatch(/^Здравствуйте!/);
    expect(escaped).toEqual([]);
  });
});
