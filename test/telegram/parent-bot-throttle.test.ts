import { afterAll, beforeAll, expect, test } from "vitest";
import { parentChatKey, recordOutbound } from "../../core/outbound/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ throttle: true });
});
afterAll(async () => h.close());

test("with the throttler on, one chat never gets more than about one message a second", async () => {
  const parent = h.fake.createUser({ first_name: "Инна" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
  const chatKey = parentChatKey("telegram", String(parent.id));
  const ids = await h.testDb.db.$transaction(async (tx) => {
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await recordOutbound(tx, {
        channel: "telegram",
        chatKey,
        payload: { type: "text", text: `Сообщение ${i}` },
      });
      if (id !== null) out.push(id);
    }
    return out;
  });
  await h.core.dispatcher.dispatch(ids);
  await h.waitFor(
    () => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id }).length === 5,
    10_000,
  );
  const times = h.fake.stats.sendTimes(parent.id);
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
  expect(Math.min(...gaps.slice(-4))).toBeGreaterThanOrEqual(950);
}, 20_000);
