import { afterAll, beforeAll, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

const secret = "webhook-secret_123";
let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ webhook: { secret } });
});
afterAll(async () => h.close());

test("webhook mode: Telegram's updates with the secret are answered", async () => {
  const parent = h.fake.createUser({ first_name: "Алла" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  const greeting = await h.waitFor(
    () => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0],
    5000,
  );
  expect(greeting).toMatch(/^Здравствуйте!/);
  const delivery = h.fake.webhookDeliveries(PARENT_BOT_TOKEN).at(-1);
  expect(delivery?.status).toBe(200);
});

test("webhook mode: a request without the right secret is refused with 401 and changes nothing", async () => {
  const update = {
    update_id: 990001,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 555, type: "private", first_name: "X" },
      from: { id: 555, is_bot: false, first_name: "X" },
      text: "/start",
    },
  };
  const post = (headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${h.httpPort}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(update),
    });
  expect((await post({ "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
  expect((await post({})).status).toBe(401);
  expect(await h.testDb.db.contact.count({ where: { externalId: "555" } })).toBe(0);
});

test("webhook mode: an update is stored in the inbox before the 200, and handled from there", async () => {
  const parent = h.fake.createUser({ first_name: "Вера" });
  // Processing is off, as if every process that could handle it were busy or down.
  await h.core.inbox.stop();
  const sent = parent.sendText(PARENT_BOT_TOKEN, "/start");
  const updateId = sent.update?.update_id;
  await h.waitFor(() =>
    h.fake
      .webhookDeliveries(PARENT_BOT_TOKEN)
      .some((d) => d.updateId === updateId && d.status === 200)
      ? true
      : undefined,
  );
  const row = await h.testDb.db.inbox.findFirstOrThrow({
    where: { source: "telegram", dedupeKey: { endsWith: `:u:${updateId}` } },
  });
  expect(row.doneAt).toBeNull();
  expect(h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })).toEqual([]);
  await h.core.inbox.start();
  const greeting = await h.waitFor(
    () => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0],
    10_000,
  );
  expect(greeting).toMatch(/^Здравствуйте!/);
  // Telegram was answered once: nothing was sent again.
  expect(
    h.fake.webhookDeliveries(PARENT_BOT_TOKEN).filter((d) => d.updateId === updateId),
  ).toHaveLength(1);
});
