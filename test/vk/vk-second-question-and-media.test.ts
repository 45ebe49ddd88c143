import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TINY_PNG } from "../support/fake-vk/index.js";
import {
  RELAY_BOT_TOKEN,
  startVkHarness,
  type VkHarness,
  type VkStaffSide,
} from "../support/vk-harness.js";

let h: VkHarness;
let staff: VkStaffSide;
beforeAll(async () => {
  h = await startVkHarness({ relay: true, faq: "default" });
  if (!h.staff) throw new Error("the harness started without the staff relay");
  staff = h.staff;
});
afterAll(async () => h.close());

let nextUserId = 5_000_900;
const addParent = (firstName: string) =>
  h.fake.addUser({ id: nextUserId++, firstName, lastName: "Орлова" });
const inTopic = (threadId: number) => ({ chatId: staff.group.id, threadId });

async function relayFile(fileId: string): Promise<Buffer> {
  const root = staff.telegram.apiRoot;
  const file = (await (
    await fetch(`${root}/bot${RELAY_BOT_TOKEN}/getFile?file_id=${encodeURIComponent(fileId)}`)
  ).json()) as { result: { file_path: string } };
  const body = await fetch(`${root}/file/bot${RELAY_BOT_TOKEN}/${file.result.file_path}`);
  return Buffer.from(await body.arrayBuffer());
}

describe("a second question on VK", () => {
  test("a VK parent with an open ticket asking an FAQ question gets the answer at once", async () => {
    const parent = addParent("Ева");
    await parent.sendMessage("Тренер отменил занятия, а деньги за месяц не вернули");
    const { ticket, threadId } = await staff.ticketOf(parent.id);
    await parent.sendMessage("забыла пароль от личного кабинета, как восстановить?");
    const answer = await h.fake.waitForSentMessage(
      parent.id,
      (m) => /Забыли пароль/.test(m.text),
      10_000,
    );
    expect(answer.keyboard?.inline).toBe(true);
    const post = await staff.telegram.waitFor(
      () => staff.posts(threadId).find((m) => m.text?.includes("забыла пароль")),
      10_000,
      "the question in the topic",
    );
    expect(post.text).toContain("🤖 Ответ из FAQ уже отправлен");
    expect(
      await h.testDb.db.ticket.count({ where: { contact: { externalId: String(parent.id) } } }),
    ).toBe(1);
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe(ticket.status);
  });
});

describe("media both ways (VK)", () => {
  test("a VK parent's voice message reaches the ticket's topic as a voice message", async () => {
    const parent = addParent("Зоя");
    await parent.sendMessage("Бронирование на экскурсию не проходит, кнопка серая");
    const { threadId } = await staff.ticketOf(parent.id);
    const ogg = Buffer.from("vk voice of the parent");
    await parent.sendMessage("", { attachments: [{ type: "audio_message", data: ogg }] });
    const voice = await staff.telegram.waitFor(
      () => staff.posts(threadId).find((m) => m.voice),
      10_000,
      "the voice message in the topic",
    );
    expect((await relayFile(voice.voice?.file_id ?? "")).equals(ogg)).toBe(true);
  });

  test("an agent's album reaches the VK parent as one message with all the photos", async () => {
    const parent = addParent("Тимур");
    await parent.sendMessage("Ошибка 500 при подписании договора на портале");
    const { threadId } = await staff.ticketOf(parent.id);
    const pngs = [1, 2, 3].map((n) => Buffer.concat([TINY_PNG, Buffer.from([n])]));
    staff.agent.sendAlbum(inTopic(threadId), [
      { type: "photo", caption: "Три шага, по порядку.", data: pngs[0] },
      { type: "photo", data: pngs[1] },
      { type: "photo", data: pngs[2] },
    ]);
    const received = await h.fake.waitForSentMessage(
      parent.id,
      (m) => m.attachments.length > 0,
      10_000,
    );
    expect(received.text).toBe("Три шага, по порядку.");
    expect(received.attachments).toHaveLength(3);
    const uploaded = received.attachments.map(
      (ref) => h.fake.files().find((f) => f.attachment === ref)?.bytes,
    );
    expect(uploaded.map((bytes, i) => bytes?.equals(pngs[i] ?? Buffer.alloc(0)))).toEqual([
      true,
      true,
      true,
    ]);
    // One outbox row carried the whole album: no second message can follow.
    const rows = await staff.telegram.waitFor(
      async () => {
        const found = await h.testDb.db.outbox.findMany({
          where: { chatKey: `vk:${parent.id}`, payload: { path: ["type"], equals: "agent_media" } },
        });
        return found.every((r) => r.status === "sent") ? found : undefined;
      },
      10_000,
      "the album's row sent",
    );
    expect(rows).toHaveLength(1);
  });
});
