import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startVkHarness, type VkHarness } from "../support/vk-harness.js";

const SECRET = "vk-callback-s3cret";
const CONFIRMATION = "a1b2c3d4";

let h: VkHarness;
beforeAll(async () => {
  h = await startVkHarness({
    callback: { secret: SECRET, confirmation: CONFIRMATION },
    fakeOptions: { callbackTimeoutMs: 3_000 },
  });
});
afterAll(async () => h.close());

let nextUserId = 5_000_500;
const addParent = (firstName: string) =>
  h.fake.addUser({ id: nextUserId++, firstName, lastName: "Кузнецова" });
const ticketsOf = (userId: number) =>
  h.testDb.db.ticket.findMany({
    where: { contact: { channel: "vk", externalId: String(userId) } },
    include: { messages: true },
  });
// The inbox row is stored before VK hears "ok" (and marked done by the handling).
const eventClaimed = (eventId: string) =>
  h.testDb.db.inbox.findFirst({
    where: { source: "vk", dedupeKey: `vk:${h.fake.groupId}:e:${eventId}` },
  });

describe("VK Callback API endpoint", () => {
  test("answers VK's confirmation request with the configured code", async () => {
    const attempt = await h.fake.sendConfirmation();
    expect(attempt).toMatchObject({ status: 200, body: CONFIRMATION });
  });

  test("refuses a request with a wrong secret and stores nothing", async () => {
    const parent = addParent("Чужой");
    h.fake.useCallbackApi({ url: h.callbackUrl as string, secret: "guessed" });
    try {
      const delivered = await parent.sendMessage("Поддельное событие");
      expect(delivered.attempt?.status).toBe(403);
      expect(await eventClaimed(delivered.eventId)).toBeNull();
      expect(await ticketsOf(parent.id)).toHaveLength(0);
      const confirmation = await h.fake.sendConfirmation();
      expect(confirmation.status).toBe(403);
    } finally {
      h.fake.useCallbackApi({ url: h.callbackUrl as string, secret: SECRET });
    }
  });

  test('answers "ok" only after the event is stored in the inbox; it is handled from there', async () => {
    const parent = addParent("Дарья");
    const store = h.core.inbox.store.bind(h.core.inbox);
    let storedAt = 0;
    h.core.inbox.store = async (...args) => {
      // A slow database: the answer to VK must wait for the commit.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const result = await store(...args);
      storedAt = Date.now();
      return result;
    };
    try {
      const delivered = await parent.sendMessage("Не могу записать ребёнка в кружок");
      const answeredAt = Date.now();
      expect(delivered.attempt).toMatchObject({ status: 200, body: "ok", attempt: 1 });
      expect(storedAt).toBeGreaterThan(0);
      expect(storedAt).toBeLessThanOrEqual(answeredAt);
      expect(await eventClaimed(delivered.eventId)).not.toBeNull();
    } finally {
      h.core.inbox.store = store;
    }
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const [ticket] = await ticketsOf(parent.id);
    expect(ticket?.messages[0]?.text).toBe("Не могу записать ребёнка в кружок");
  });

  test("when storing fails VK gets a 500, and its redelivery is stored and handled once", async () => {
    const parent = addParent("Егор");
    const store = h.core.inbox.store.bind(h.core.inbox);
    h.core.inbox.store = () => Promise.reject(new Error("database unavailable"));
    let eventId: string;
    try {
      const failed = await parent.sendMessage("Пропала заявка из личного кабинета");
      eventId = failed.eventId;
      expect(failed.attempt?.status).toBe(500);
      expect(await eventClaimed(eventId)).toBeNull();
    } finally {
      h.core.inbox.store = store;
    }
    const retried = await h.fake.redeliver(eventId);
    expect(retried.attempt).toMatchObject({ status: 200, body: "ok", retryCounter: 1 });
    const again = await h.fake.redeliver(eventId);
    expect(again.attempt).toMatchObject({ status: 200, body: "ok", retryCounter: 2 });
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    await h.core.inbox.settled();
    expect(await ticketsOf(parent.id)).toHaveLength(1);
    expect(h.fake.sentMessages(parent.id).filter((m) => m.text.includes("принято"))).toHaveLength(
      1,
    );
  });

  test("the same event_id delivered twice creates one ticket", async () => {
    const parent = addParent("Жанна");
    const first = await parent.sendMessage("Сертификат не активируется уже три дня");
    const second = await h.fake.redeliver(first.eventId);
    expect([first.attempt?.body, second.attempt?.body]).toEqual(["ok", "ok"]);
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    // A sticker (an empty message) after it is the barrier: the chat's events are handled
    // and its replies sent in order, so a second reply would come before this one.
    await parent.sendMessage("");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("Я принимаю текст"));
    expect(await ticketsOf(parent.id)).toHaveLength(1);
    expect(h.fake.sentMessages(parent.id).map((m) => m.text)).toEqual([
      expect.stringContaining("принято"),
      expect.stringMatching(/^Я принимаю текст/),
    ]);
  });

  test("a callback button press arrives through the Callback API and is answered", async () => {
    const parent = addParent("Зинаида");
    await parent.sendMessage("/start");
    await h.fake.waitForSentMessage(parent.id, (m) => m.keyboard !== undefined);
    const press = await parent.pressButton("Написать в поддержку");
    expect(press.attempt).toMatchObject({ status: 200, body: "ok" });
    const prompt = await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("Опишите"));
    expect(prompt.text).toMatch(/одним сообщением/);
    expect(h.fake.messageEventAnswers().map((a) => a.eventId)).toContain(
      press.event.object.event_id,
    );
  });
});
