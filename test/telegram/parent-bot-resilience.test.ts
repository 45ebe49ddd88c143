import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parentChatKey, recordOutbound } from "../../core/outbound/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => h.close());

const texts = (chatId: number) => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId });
/** The polite line a sticker gets: the barrier of the tests below. */
const UNSUPPORTED = "Я принимаю текст";
const ticketsOf = (userId: number) =>
  h.testDb.db.ticket.findMany({ where: { contact: { externalId: String(userId) } } });

describe("parents' bot: redelivery, rate limits and awkward input", () => {
  test("the same update delivered twice gives one reply and one ticket", async () => {
    const parent = h.fake.createUser({ first_name: "Ирина" });
    const sent = parent.sendText(
      PARENT_BOT_TOKEN,
      "Не могу найти свою заявку в личном кабинете, она пропала",
    );
    const accepted = await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const updateId = sent.update?.update_id;
    expect(updateId).toBeDefined();
    h.fake.redeliver(PARENT_BOT_TOKEN, updateId as number);
    // A sticker after it is the barrier: the chat's updates are handled and its replies
    // sent in order, so a second reply to the redelivered update would come before this one.
    parent.sendSticker(PARENT_BOT_TOKEN);
    await h.waitFor(() => texts(parent.id).find((t) => t.startsWith(UNSUPPORTED)));
    expect(texts(parent.id)).toEqual([accepted, expect.stringMatching(/^Я принимаю текст/)]);
    expect(h.fake.reactions(parent.id)).toHaveLength(0);
    const tickets = await ticketsOf(parent.id);
    expect(tickets).toHaveLength(1);
    expect(await h.testDb.db.message.count({ where: { ticketId: tickets[0]?.id } })).toBe(1);
  });

  test("a 502 on getUpdates is fetched again by the poll loop at once, not after auto-retry's 3 s", async () => {
    h.fake.faults.failNext({ method: "getUpdates", token: PARENT_BOT_TOKEN, errorCode: 502 });
    try {
      const parent = h.fake.createUser({ first_name: "Родитель" });
      parent.sendText(PARENT_BOT_TOKEN, "Как восстановить пароль?");
      await h.waitFor(() => texts(parent.id).length >= 1, 30_000, "the parent got a reply");
      const polls = () => h.fake.calls({ token: PARENT_BOT_TOKEN, method: "getUpdates" });
      // The next poll may be in flight still (a long poll is logged once answered).
      const [bad, next] = await h.waitFor(
        () => {
          const all = polls();
          const failed = all.findIndex((c) => c.injected === "fault");
          const pair = [all[failed], all[failed + 1]] as const;
          return failed >= 0 && pair[1] ? pair : undefined;
        },
        30_000,
        "a getUpdates after the failed one",
      );
      if (!bad || !next) throw new Error("unreachable");
      // The poll loop's first backoff is 250 ms; auto-retry's first is 3 s (everyone waits).
      // `at` is when a call arrived: the next one came well before auto-retry would send it.
      expect(next.at - (bad.at + bad.durationMs)).toBeLessThan(2_000);
    } finally {
      h.fake.faults.clear();
    }
  }, 60_000);

  test("with 30% of sends answered 429, every reply arrives exactly once", async () => {
    h.fake.faults.failRandomly({
      method: ["sendMessage"],
      token: PARENT_BOT_TOKEN,
      errorCode: 429,
      retryAfter: 1,
      rate: 0.3,
      seed: 7,
    });
    try {
      const parents = Array.from({ length: 12 }, (_, i) =>
        h.fake.createUser({ first_name: `Родитель ${i}` }),
      );
      for (const [i, parent] of parents.entries())
        parent.sendText(PARENT_BOT_TOKEN, `Вопрос номер ${i}: не работает запись в кружок`);
      await h.waitFor(
        () => parents.every((p) => texts(p.id).length >= 1),
        30_000,
        "every parent got a reply",
      );
      expect(
        h.fake.faults.injected.filter((f) => f.method === "sendMessage").length,
      ).toBeGreaterThan(0);
      // A sticker from each parent is the barrier: a chat's replies are sent in order, so a
      // second copy of the first reply would arrive before the answer to the sticker.
      h.fake.faults.clear();
      for (const parent of parents) parent.sendSticker(PARENT_BOT_TOKEN);
      await h.waitFor(
        () => parents.every((p) => texts(p.id).some((t) => t.startsWith(UNSUPPORTED))),
        30_000,
        "every parent's sticker answered",
      );
      for (const parent of parents)
        expect(texts(parent.id), `parent ${parent.id}`).toEqual([
          expect.stringContaining("принято"),
          expect.stringMatching(/^Я принимаю текст/),
        ]);
    } finally {
      h.fake.faults.clear();
    }
  }, 60_000);

  test("a sticker gets one polite line and nothing breaks", async () => {
    const parent = h.fake.createUser({ first_name: "Сергей" });
    parent.sendSticker(PARENT_BOT_TOKEN);
    const reply = await h.waitFor(() => texts(parent.id)[0]);
    expect(reply).toBe(
      "Я принимаю текст, фото, документы, голосовые сообщения и видео. Напишите, пожалуйста, вопрос словами или пришлите скриншот.",
    );
    expect(await ticketsOf(parent.id)).toHaveLength(0);
  });

  test("a 5,000-character message is stored whole and answered", async () => {
    const parent = h.fake.createUser({ first_name: "Елена" });
    const long = "Здравствуйте! Описываю проблему подробно. ".repeat(125).slice(0, 5000);
    parent.sendText(PARENT_BOT_TOKEN, long);
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const [ticket] = await h.testDb.db.ticket.findMany({
      where: { contact: { externalId: String(parent.id) } },
      include: { messages: true },
    });
    expect(ticket?.messages[0]?.text).toHaveLength(5000);
  });

  test("a first name containing <b>& neither crashes the bot nor breaks formatting", async () => {
    const parent = h.fake.createUser({ first_name: "<b>&Мама</b>", last_name: "&amp;" });
    parent.sendText(PARENT_BOT_TOKEN, "/start");
    const greeting = await h.waitFor(() => texts(parent.id)[0]);
    expect(greeting).toMatch(/^Здравствуйте!/);
    parent.sendText(PARENT_BOT_TOKEN, "Помогите с сертификатом, он не активируется");
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { externalId: String(parent.id) },
    });
    expect(contact.displayName).toBe("<b>&Мама</b> &amp;");
    // The greeting and the acknowledgement, each sent once, both accepted by Telegram.
    const calls = h.fake.calls({ token: PARENT_BOT_TOKEN, chatId: parent.id });
    expect(calls.map((c) => [c.method, c.ok])).toEqual([
      ["sendMessage", true],
      ["sendMessage", true],
    ]);
  });

  test("a parent who blocked the bot is marked, and sends to them stop", async () => {
    const parent = h.fake.createUser({ first_name: "Ксения" });
    parent.sendText(PARENT_BOT_TOKEN, "Не открывается страница программы");
    await h.waitFor(() => texts(parent.id).find((t) => t.includes("принято")));
    parent.blockBot(PARENT_BOT_TOKEN);
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { externalId: String(parent.id) },
    });
    // An agent's answer is queued for the parent, as the relay would do it.
    const ids = await h.testDb.db.$transaction(async (tx) => [
      await recordOutbound(tx, {
        channel: "telegram",
        chatKey: parentChatKey("telegram", contact.externalId),
        payload: { type: "text", text: "Ответ специалиста" },
      }),
      await recordOutbound(tx, {
        channel: "telegram",
        chatKey: parentChatKey("telegram", contact.externalId),
        payload: { type: "text", text: "И ещё одно сообщение" },
      }),
    ]);
    await h.core.dispatcher.dispatch(ids.filter((id): id is number => id !== null));
    const blocked = await h.waitFor(
      async () =>
        (await h.testDb.db.contact.findFirst({
          where: { id: contact.id, blockedAt: { not: null } },
        })) ?? undefined,
    );
    expect(blocked.blockedReason).toBe("RECIPIENT_BLOCKED");
    const rows = await h.testDb.db.outbox.findMany({
      where: { id: { in: ids.filter((id): id is number => id !== null) } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([
      ["failed", "RECIPIENT_BLOCKED"],
      ["failed", "RECIPIENT_BLOCKED"],
    ]);
    // Only one attempt reached Telegram: the rest of the queue was closed without sending.
    expect(
      h.fake
        .calls({ token: PARENT_BOT_TOKEN, method: "sendMessage", chatId: parent.id })
        .filter((c) => !c.ok),
    ).toHaveLength(1);
  });
});

test("Telegram's my_chat_member update marks a parent blocked and unblocked", async () => {
  const parent = h.fake.createUser({ first_name: "Вера" });
  parent.sendText(PARENT_BOT_TOKEN, "/start");
  await h.waitFor(() => texts(parent.id)[0]);
  const bot = h.fake.botUser(PARENT_BOT_TOKEN);
  const kicked = { status: "kicked" as const, user: bot, until_date: 0 };
  const present = { status: "member" as const, user: bot };
  const member = (blocked: boolean) => ({
    my_chat_member: {
      chat: { id: parent.id, type: "private" as const, first_name: "Вера" },
      from: parent.user,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: blocked ? present : kicked,
      new_chat_member: blocked ? kicked : present,
    },
  });
  const blockedAt = async () =>
    (await h.testDb.db.contact.findFirstOrThrow({ where: { externalId: String(parent.id) } }))
      .blockedAt;
  h.fake.injectUpdate(PARENT_BOT_TOKEN, member(true));
  await h.waitFor(async () => (await blockedAt()) !== null);
  h.fake.injectUpdate(PARENT_BOT_TOKEN, member(false));
  await h.waitFor(async () => (await blockedAt()) === null);
});
