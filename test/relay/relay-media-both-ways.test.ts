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

describe("media both ways (Telegram)", () => {
  test("a parent's voice message reaches the ticket's topic as a voice message", async () => {
    const parent = h.fake.createUser({ first_name: "Вера" });
    parent.sendText(PARENT_BOT_TOKEN, "Не могу записать сына в секцию");
    const { threadId } = await h.ticketOf(parent);
    parent.sendVoice(PARENT_BOT_TOKEN, { data: Buffer.from("ogg voice of the parent") });
    const voice = await h.fake.waitFor(
      () => h.relayPosts(threadId).find((m) => m.voice),
      10_000,
      "the voice message in the topic",
    );
    expect(await download(voice.voice?.file_id ?? "", RELAY_BOT_TOKEN)).toBe(
      "ogg voice of the parent",
    );
    expect(voice.caption).toBe("👤 Вера:");
  });

  test("an agent's album reaches the parent as one album, caption on the first item", async () => {
    const parent = h.fake.createUser({ first_name: "Глеб" });
    parent.sendText(PARENT_BOT_TOKEN, "Где в личном кабинете сертификат?");
    const { threadId } = await h.ticketOf(parent);
    h.agent.sendAlbum({ chatId: h.staff.id, threadId }, [
      { type: "photo", caption: "Вот три шага, по порядку.", data: Buffer.from("step one") },
      { type: "photo", data: Buffer.from("step two") },
      { type: "photo", data: Buffer.from("step three") },
    ]);
    const album = await h.fake.waitFor(
      () => {
        const items = h.fake
          .sentMessages({ token: PARENT_BOT_TOKEN, chatId: parent.id })
          .filter((m) => m.photo);
        return items.length >= 3 ? items : undefined;
      },
      10_000,
      "the album at the parent's",
    );
    const groupCalls = h.fake
      .calls({ token: PARENT_BOT_TOKEN, method: "sendMediaGroup" })
      .filter((c) => String(c.params.chat_id) === String(parent.id));
    expect(groupCalls).toHaveLength(1);
    expect(h.fake.calls({ token: PARENT_BOT_TOKEN, method: "sendPhoto" })).toHaveLength(0);
    expect(album).toHaveLength(3);
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
    expect(album[0]?.caption).toBe("Вот три шага, по порядку.");
    const bytes = await Promise.all(
      album.map((m) => download(m.photo?.at(-1)?.file_id ?? "", PARENT_BOT_TOKEN)),
    );
    expect(bytes).toEqual(["step one", "step two", "step three"]);
    const rows = await h.testDb.db.outbox.count({
      where: {
        channel: "telegram",
        chatKey: `telegram:${parent.id}`,
        payload: { path: ["type"], equals: "agent_media" },
      },
    });
    expect(rows).toBe(1);
  });
});
