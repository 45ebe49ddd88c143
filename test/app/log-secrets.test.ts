import net from "node:net";
import { Bot } from "grammy";
import { Telegraf } from "telegraf";
import { VK } from "vk-io";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLogger } from "../../core/observability/index.js";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram/index.js";
import { type FakeVk, startFakeVk } from "../support/fake-vk/index.js";

/** Tokens that look like the real thing, so the pattern scrub is tested, not only the list. */
const GRAMMY_TOKEN = "6100001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const TELEGRAF_TOKEN = "6100002:AAGfvBv3OTsN9vJk0lBvtR3oKrLqzYxWXY_-";
const PARENT_WORDS = "мой телефон +7 922 111-22-33, сын Артём, СНИЛС 112-233-445 95";
const SECRET_BITS = [
  GRAMMY_TOKEN,
  TELEGRAF_TOKEN,
  "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
  "AAGfvBv3OTsN9vJk0lBvtR3oKrLqzYxWXY",
  "111-22-33",
  "Артём",
  "112-233-445 95",
];

let telegram: FakeTelegram;
let vkFake: FakeVk;
let closedPort: number;

beforeAll(async () => {
  telegram = await startFakeTelegram({
    bots: [{ token: GRAMMY_TOKEN }, { token: TELEGRAF_TOKEN }],
  });
  vkFake = await startFakeVk();
  // A port nobody listens on: connections are refused, as when the Bot API is unreachable.
  closedPort = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
});
afterAll(async () => {
  await telegram.close();
  await vkFake.close();
});

/** A logger as production builds it (no secrets list: the patterns must do), captured. */
function capturedLogger(level = "info", secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger(level, {}, { secrets, destination: { write: (l) => lines.push(l) } });
  return { logger, output: () => lines.join("") };
}

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("the call was expected to fail");
}

function expectClean(output: string, secrets: string[] = SECRET_BITS) {
  if (process.env.SHOW_LOG) console.log(output);
  expect(output).not.toBe("");
  for (const secret of secrets) expect(output).not.toContain(secret);
}

describe("logs carry no secrets and no parents' words", () => {
  test("grammY: a network error (connection refused) and a Bot API refusal", async () => {
    const { logger, output } = capturedLogger();
    const offline = new Bot(GRAMMY_TOKEN, {
      client: { apiRoot: `http://127.0.0.1:${closedPort}` },
    });
    const network = await failureOf(() => offline.api.sendMessage(42, PARENT_WORDS));
    logger.error({ err: network, chatId: 42 }, "send failed");
    const online = new Bot(GRAMMY_TOKEN, { client: { apiRoot: telegram.apiRoot } });
    const refused = await failureOf(() => online.api.sendMessage(777_000_111, PARENT_WORDS));
    logger.warn({ err: refused }, "send refused");
    logger.error(network as Error, `failed for ${String(network)}`);

    expectClean(output());
    const [first, second] = output()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as LogLine);
    expect(first?.err).toMatchObject({ type: "HttpError" });
    expect(JSON.stringify(first?.err)).toContain("ECONNREFUSED");
    expect(second?.err).toMatchObject({
      type: "GrammyError",
      method: "sendMessage",
      code: 400,
      description: "Bad Request: chat not found",
      chat_id: 777_000_111,
    });
  });

  test("Telegraf: a network error and a Bot API refusal", async () => {
    const { logger, output } = capturedLogger();
    const offline = new Telegraf(TELEGRAF_TOKEN, {
      telegram: { apiRoot: `http://127.0.0.1:${closedPort}` },
    });
    logger.error(
      { err: await failureOf(() => offline.telegram.sendMessage(42, PARENT_WORDS)) },
      "send failed",
    );
    const online = new Telegraf(TELEGRAF_TOKEN, { telegram: { apiRoot: telegram.apiRoot } });
    const refused = await failureOf(() => online.telegram.sendMessage(777_000_111, PARENT_WORDS));
    logger.warn({ err: refused, update: { message: { text: PARENT_WORDS } } }, "send refused");

    expectClean(output());
    const lines = output()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as LogLine);
    expect(JSON.stringify(lines[0]?.err)).toContain("ECONNREFUSED");
    expect(lines[1]).toMatchObject({
      err: { type: "TelegramError", method: "sendMessage", code: 400, chat_id: 777_000_111 },
      update: "[dropped]",
    });
  });

  test("vk-io: a network error and an API refusal", async () => {
    const { logger, output } = capturedLogger();
    const offline = new VK({
      token: vkFake.token,
      apiBaseUrl: `http://127.0.0.1:${closedPort}/method`,
      apiRetryLimit: 0,
    });
    logger.error(
      {
        err: await failureOf(() =>
          offline.api.messages.send({ peer_id: 1, message: PARENT_WORDS, random_id: 1 }),
        ),
      },
      "VK send failed",
    );
    const online = new VK({
      ...vkFake.vkOptions(),
      token: "vk1.a.wrongTokenOfTheCommunity_1234567890",
    });
    logger.warn(
      {
        err: await failureOf(() =>
          online.api.messages.send({ peer_id: 1, message: PARENT_WORDS, random_id: 2 }),
        ),
      },
      "VK send refused",
    );
    expectClean(output(), [...SECRET_BITS, vkFake.token, "wrongTokenOfTheCommunity"]);
    const lines = output()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as LogLine);
    expect(lines[1]?.err).toMatchObject({ type: "APIError", code: 5 });
  });

  test("the configured secrets are replaced even where they do not look like tokens", () => {
    const { logger, output } = capturedLogger("info", ["plain-words-secret"]);
    logger.info({ url: "postgres://app:plain-words-secret@db/nav" }, "connecting");
    logger.info("token in a message: 7000001:parents-bot-token plain-words-secret");
    expectClean(output(), ["plain-words-secret", "parents-bot-token"]);
  });

  test("message texts are hidden; at debug level they are shown, masked", () => {
    const info = capturedLogger("info");
    info.logger.info({ text: PARENT_WORDS, chatId: 5 }, "inbound");
    expectClean(info.output());
    const debug = capturedLogger("debug");
    debug.logger.debug({ text: PARENT_WORDS, chatId: 5 }, "inbound");
    expectClean(debug.output(), ["111-22-33", "112-233-445 95"]);
    expect(debug.output()).toContain("+7 (922) ***-**-33");
  });
});

interface LogLine {
  err?: Record<string, unknown>;
  [key: string]: unknown;
}
