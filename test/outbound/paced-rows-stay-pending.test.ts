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

test("a row waiting for its chat's turn stays pending, so a crash then loses nothing", async () => {
  const parent = h.fake.createUser({ first_name: "Вера" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.waitFor(() => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id })[0]);
  const chatKey = parentChatKey("telegram", String(parent.id));
  const [first, second] = await h.testDb.db.$transaction(async (tx) =>
    Promise.all(
      ["Первый ответ", "Второй ответ"].map((text) =>
        recordOutbound(tx, { channel: "telegram", chatKey, payload: { type: "text", text } }),
      ),
    ),
  );
  await h.core.dispatcher.dispatch([first as number, second as number]);

  const rowStatus = async (id: number | null | undefined) =>
    (await h.testDb.db.outbox.findUniqueOrThrow({ where: { id: id as number } })).status;
  await h.waitFor(async () => ((await rowStatus(first)) === "sent" ? true : undefined));
  // The second one now waits about a second for the chat; it must not count as "sending".
  expect(await rowStatus(second)).toBe("pending");
  await h.waitFor(async () => ((await rowStatus(second)) === "sent" ? true : undefined));
  const times = h.fake.stats.sendTimes(parent.id, PARENT_BOT_TOKEN);
  expect(times).toHaveLength(3);
  expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(950);
});
