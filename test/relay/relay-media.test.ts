import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness();
});
afterAll(async () => h.close());

async function download(fileId: string, token: string): Promise<string> {
  const file = (await (
    await fetch(`${h.fake.apiRoot}/bot${token}/getFile?file_id=${encodeURIComponent(fileId)}`)
  ).json()) as { result: { file_path: string } };
  const body = await fetch(`${h.fake.apiRoot}/file/bot${token}/${file.result.file_path}`);
  return body.text();
}

describe("staff relay: files, albums and edits", () => {
  test("a question sent as a document: the card, then the file uploaded by the relay bot", async () => {
    const parent = h.fake.createUser({ first_name: "Кира" });
    parent.sendDocument(PARENT_BOT_TOKEN, {
      fileName: "справка.pdf",
      caption: "Вот справка, почему не принимают?",
      data: Buffer.from("pdf bytes of the certificate"),
    });
    const { threadId, cardMessageId } = await h.ticketOf(parent);
    const [card, file] = await h.fake.waitFor(() => {
      const posts = h.relayPosts(threadId);
      return posts.length >= 2 ? posts : undefined;
    });
    expect(card?.message_id).toBe(cardMessageId);
    expect(card?.text).toContain("Вот справка, почему не принимают? [document]");
    expect(file?.document?.file_name).toBe("справка.pdf");
    expect(file?.caption).toBe("Вот справка, почему не принимают?");
    expect(await download(file?.document?.file_id ?? "", RELAY_BOT_TOKEN)).toBe(
      "pdf bytes of the certificate",
    );
  });

  test("follow-ups: a photo with its caption, an album kept together, an edit shown as an edit", async () => {
    const parent = h.fake.createUser({ first_name: "Лев" });
    const first = parent.sendText(PARENT_BOT_TOKEN, "Не загружается фото ребёнка в профиль");
    const { threadId } = await h.ticketOf(parent);

    parent.sendPhoto(PARENT_BOT_TOKEN, { caption: "Вот ошибка" });
    const photo = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.photo),
      10_000,
      "the photo in the topic",
    );
    expect(photo.caption).toBe("👤 Лев:\nВот ошибка");

    parent.sendAlbum(PARENT_BOT_TOKEN, [
      { type: "photo", caption: "Три скриншота" },
      { type: "photo" },
      { type: "photo" },
    ]);
    const album = await h.fake.waitFor(
      () => {
        const items = h.relayPosts(threadId).filter((m) => m.media_group_id);
        return items.length >= 3 ? items : undefined;
      },
      10_000,
      "the album in the topic",
    );
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
    expect(album[0]?.caption).toBe("👤 Лев:\nТри скриншота");
    expect(h.fake.calls({ token: RELAY_BOT_TOKEN, method: "sendMediaGroup" })).toHaveLength(1);

    parent.editText(first.message, "Не загружается фото ребёнка в профиль на портале");
    const edit = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.startsWith("✏️")),
      10_000,
      "the edit in the topic",
    );
    expect(edit.text).toBe(
      "✏️ Родитель изменил сообщение:\nНе загружается фото ребёнка в профиль на портале",
    );
  });

  test("a file over 20 MB cannot be fetched by a bot: the agents get a note instead", async () => {
    const parent = h.fake.createUser({ first_name: "Ян" });
    parent.sendText(PARENT_BOT_TOKEN, "Пришлю видео с ошибкой");
    const { threadId } = await h.ticketOf(parent);
    parent.sendVideo(PARENT_BOT_TOKEN, { data: Buffer.alloc(21 * 1024 * 1024, 1) });
    const note = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.text?.includes("📎")),
      10_000,
      "the note",
    );
    expect(note.text).toContain("📎 Файл не переслан (21 МБ)");
  });

  test("an agent's photo reaches the parent, uploaded again by the parents' bot", async () => {
    const parent = h.fake.createUser({ first_name: "Ася" });
    parent.sendText(PARENT_BOT_TOKEN, "Где найти кнопку «Записаться»?");
    const { threadId } = await h.ticketOf(parent);
    h.agent.sendPhoto(
      { chatId: h.staff.id, threadId },
      { caption: "Кнопка справа, под описанием программы.", data: Buffer.from("png of the page") },
    );
    const received = await h.fake.waitFor(
      () =>
        h.fake.sentMessages({ token: PARENT_BOT_TOKEN, chatId: parent.id }).find((m) => m.photo),
      10_000,
      "the photo at the parent's",
    );
    expect(received.caption).toBe("Кнопка справа, под описанием программы.");
    expect(await download(received.photo?.at(-1)?.file_id ?? "", PARENT_BOT_TOKEN)).toBe(
      "png of the page",
    );
  });
});
