import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type Button,
  type FetchedFile,
  type ParentOutbound,
  parentChatKey,
  recordOutbound,
} from "../../core/outbound/index.js";
import { keyboardLabels, TINY_PNG } from "../support/fake-vk/index.js";
import { startVkHarness, type VkHarness } from "../support/vk-harness.js";

/** What the staff relay bot would download from Telegram for an agent's files. */
const relayFiles: Record<string, FetchedFile> = {
  "tg-photo": { data: TINY_PNG, fileName: "photo.png", mimeType: "image/png" },
  "tg-doc": { data: Buffer.from("%PDF-1.4 инструкция"), fileName: "file_7.pdf" },
};

let h: VkHarness;
beforeAll(async () => {
  h = await startVkHarness({
    // With a relay configured, core queues a notice for the agents when a send fails for good.
    config: {
      relay: {
        token: "relay",
        apiRoot: "http://127.0.0.1:1",
        chatId: "-1001",
        showAgentName: false,
        groupMessagesPerMinute: 20,
      },
    },
    client: { apiTimeout: 500 },
    fetchers: {
      relay: async (attachment) => {
        const file = relayFiles[attachment.fileId];
        if (!file) throw new Error(`no such file ${attachment.fileId}`);
        return file;
      },
    },
  });
});
afterAll(async () => h.close());

let nextUserId = 5_000_300;
const addParent = (firstName: string) =>
  h.fake.addUser({ id: nextUserId++, firstName, lastName: "Сидорова" });

/** Queues messages for a parent the way core does, and returns the outbox row ids. */
async function queue(peerId: number, payloads: ParentOutbound[], ticketId?: number) {
  const ids = await h.testDb.db.$transaction(async (tx) => {
    const out: number[] = [];
    for (const payload of payloads) {
      const id = await recordOutbound(tx, {
        channel: "vk",
        chatKey: parentChatKey("vk", String(peerId)),
        payload,
        ticketId,
      });
      if (id !== null) out.push(id);
    }
    return out;
  });
  await h.core.dispatcher.dispatch(ids);
  return ids;
}

const rowsSettled = (ids: number[]) =>
  h.fake.waitFor(
    async () => {
      const rows = await h.testDb.db.outbox.findMany({
        where: { id: { in: ids } },
        orderBy: { id: "asc" },
      });
      return rows.every((r) => r.status === "sent" || r.status === "failed") ? rows : undefined;
    },
    { timeoutMs: 8_000, message: `outbox rows ${ids.join(",")} settled` },
  );

describe("VK sender: deliveries from the outbox", () => {
  test("901: the parent is marked unreachable, the rest of the queue closed, the agents told", async () => {
    const parent = addParent("Ксения");
    await parent.sendMessage("Не открывается страница программы");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { channel: "vk", externalId: String(parent.id) } },
    });
    parent.forbidMessages("permission");
    const ids = await queue(
      parent.id,
      [
        { type: "text", text: "Ответ специалиста" },
        { type: "text", text: "И ещё одно сообщение" },
      ],
      ticket.id,
    );
    const rows = await rowsSettled(ids);
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([
      ["failed", "RECIPIENT_BLOCKED"],
      ["failed", "RECIPIENT_BLOCKED"],
    ]);
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { channel: "vk", externalId: String(parent.id) },
    });
    expect(contact.blockedReason).toBe("RECIPIENT_BLOCKED");
    const refused = h.fake
      .callsTo("messages.send")
      .filter((c) => c.params.peer_id === String(parent.id) && c.error);
    expect(refused.map((c) => c.error?.error_code)).toEqual([901]);
    const notice = await h.testDb.db.outbox.findFirstOrThrow({
      where: { channel: "relay", ticketId: ticket.id, dedupeKey: `delivery-failed-${ids[0]}` },
    });
    expect(notice.payload).toMatchObject({
      op: "notice",
      key: "relay-notice-delivery-failed",
      args: { code: "RECIPIENT_BLOCKED" },
    });
  });

  test("902 (privacy settings) is classified the same way", async () => {
    const parent = addParent("Алла");
    parent.forbidMessages("privacy");
    const [id] = await queue(parent.id, [{ type: "text", text: "Здравствуйте!" }]);
    const [row] = await rowsSettled([id as number]);
    expect(row).toMatchObject({ status: "failed", errorCode: "RECIPIENT_BLOCKED" });
  });

  test("a send whose answer was lost is repeated with the same random_id and shows once", async () => {
    const parent = addParent("Тамара");
    // The fake stores the message, then holds the answer past vk-io's 500 ms timeout.
    h.fake.delayNext("messages.send", 1_500, { executeFirst: true });
    const [id] = await queue(parent.id, [
      { type: "text", text: "Ответ, который потерялся в сети" },
    ]);
    const [row] = await rowsSettled([id as number]);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    const calls = h.fake
      .callsTo("messages.send")
      .filter((c) => c.params.peer_id === String(parent.id));
    expect(calls.map((c) => c.params.random_id)).toEqual([String(id! * 100), String(id! * 100)]);
    expect(h.fake.sentMessages(parent.id)).toHaveLength(1);
  });

  test("VK's internal error (10) is retried and delivered once", async () => {
    const parent = addParent("Нина");
    h.fake.failNext("messages.send", 10);
    const [id] = await queue(parent.id, [{ type: "text", text: "Повтор после ошибки 10" }]);
    const [row] = await rowsSettled([id as number]);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(h.fake.sentMessages(parent.id).map((m) => m.text)).toEqual(["Повтор после ошибки 10"]);
  });

  test("a 9,000-character answer arrives in parts under VK's limit, buttons under the last", async () => {
    const parent = addParent("Елена");
    const paragraph = "Сертификат можно получить в личном кабинете Навигатора. ".repeat(20).trim();
    const long = Array.from({ length: 8 }, () => paragraph).join("\n\n");
    const buttons: Button[][] = [[{ label: "Помогло", action: "fh:1:1" }]];
    const [id] = await queue(parent.id, [{ type: "text", text: long, buttons }]);
    await rowsSettled([id as number]);
    const sent = h.fake.sentMessages(parent.id);
    expect(sent.length).toBeGreaterThan(1);
    for (const message of sent) expect([...message.text].length).toBeLessThanOrEqual(4096);
    expect(sent.map((m) => m.text).join("\n\n")).toBe(long);
    expect(sent.map((m) => m.randomId)).toEqual(sent.map((_, part) => id! * 100 + part));
    expect(sent.slice(0, -1).every((m) => m.keyboard === undefined)).toBe(true);
    expect(keyboardLabels(sent.at(-1)?.keyboard)).toEqual([["Помогло"]]);
  });

  test("an agent's photo and document are fetched through the relay and uploaded to VK", async () => {
    const parent = addParent("Марина");
    const [id] = await queue(parent.id, [
      {
        type: "agent_media",
        messageId: 1,
        text: "Вот инструкция и скриншот",
        attachments: [
          { kind: "photo", fileId: "tg-photo" },
          { kind: "document", fileId: "tg-doc", fileName: "Инструкция.pdf" },
        ],
      },
    ]);
    const [row] = await rowsSettled([id as number]);
    expect(row?.status).toBe("sent");
    const [message] = h.fake.sentMessages(parent.id);
    expect(message?.text).toBe("Вот инструкция и скриншот");
    expect(message?.attachments).toHaveLength(2);
    const uploaded = h.fake.files().filter((f) => message?.attachments.includes(f.attachment));
    expect(uploaded.map((f) => [f.kind, f.ownerId])).toEqual([
      ["photo", -h.fake.groupId],
      ["doc", -h.fake.groupId],
    ]);
    expect(uploaded[0]?.bytes.equals(TINY_PNG)).toBe(true);
    expect(uploaded[1]).toMatchObject({ title: "Инструкция.pdf" });
    expect(uploaded[1]?.bytes.equals(relayFiles["tg-doc"]!.data)).toBe(true);
  });

  test("more than ten buttons become a one-time keyboard of text buttons that still work", async () => {
    const parent = addParent("Галина");
    const buttons: Button[][] = Array.from({ length: 12 }, (_, i) => [
      { label: `Вопрос ${i + 1}`, action: i === 0 ? "m:t" : `fe:${900 + i}` },
    ]);
    const [id] = await queue(parent.id, [{ type: "text", text: "Выберите вопрос:", buttons }]);
    await rowsSettled([id as number]);
    const [menu] = h.fake.sentMessages(parent.id);
    expect(menu?.keyboard).toMatchObject({ one_time: true });
    expect(menu?.keyboard?.inline).toBeUndefined();
    expect(menu?.keyboard?.buttons.flat().every((b) => b.action.type === "text")).toBe(true);
    expect(keyboardLabels(menu?.keyboard).flat()).toHaveLength(12);
    await parent.pressButton("Вопрос 1");
    const reply = await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("Обращений"));
    expect(reply.text).toBe("Обращений пока нет. Напишите вопрос, и мы поможем.");
  });
});
