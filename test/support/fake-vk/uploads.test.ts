import { DocumentAttachment, PhotoAttachment, Upload, VK, type MessageContext } from "vk-io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TINY_PNG, startFakeVk, type FakeVk } from "./index.js";

/** Uploads through vk-io's Upload and files users send, both served by the fake. */
describe("fake VK: uploads and attachments", () => {
  let fake: FakeVk;
  let vk: VK;
  const received: MessageContext[] = [];

  beforeAll(async () => {
    fake = await startFakeVk();
    // VK passes `agent` to API, Updates and Upload alike, so one option covers uploads.
    vk = new VK({ ...fake.vkOptions() });
    vk.updates.on("message_new", (ctx) => void received.push(ctx));
    await vk.updates.startPolling();
  });

  afterAll(async () => {
    await vk.updates.stop();
    await fake.close();
  });

  it("uploads a photo with vk.upload.messagePhoto and sends it", async () => {
    const parent = fake.addUser({ id: 4001, firstName: "Ирина", lastName: "Павлова" });
    const photo = await vk.upload.messagePhoto({ source: { value: TINY_PNG }, peer_id: parent.id });
    expect(photo).toBeInstanceOf(PhotoAttachment);
    expect(photo.ownerId).toBe(-fake.groupId);

    await vk.api.messages.send({ peer_id: parent.id, random_id: 1, attachment: String(photo) });
    const [sent] = fake.sentMessages(parent.id);
    expect(sent?.attachments).toEqual([String(photo)]);
    const hosted = fake.files().find((file) => file.attachment === String(photo));
    expect(hosted?.bytes.equals(TINY_PNG)).toBe(true);
    expect(fake.calls.map((call) => call.method)).toEqual(
      expect.arrayContaining(["photos.getMessagesUploadServer", "photos.saveMessagesPhoto"]),
    );
  });

  it("uploads a document with vk.upload.messageDocument", async () => {
    const parent = fake.addUser({ id: 4002, firstName: "Кирилл", lastName: "Соколов" });
    const bytes = Buffer.from("%PDF-1.4 справка");
    const doc = await vk.upload.messageDocument({
      source: { value: bytes, filename: "spravka.pdf" },
      peer_id: parent.id,
      title: "Справка.pdf",
    });
    expect(doc).toBeInstanceOf(DocumentAttachment);
    expect(doc.title).toBe("Справка.pdf");
    expect(doc.extension).toBe("pdf");
    const download = await fetch(String(doc.url));
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("needs the http agent for uploads too: https.globalAgent refuses http:// URLs", async () => {
    const withoutAgent = new Upload({ api: vk.api });
    const upload = withoutAgent.messagePhoto({ source: { value: TINY_PNG }, peer_id: 1 });
    await expect(upload).rejects.toThrow('Protocol "http:" not supported');
  });

  it("delivers a user's photo and doc with download URLs served by the fake", async () => {
    const parent = fake.addUser({ id: 4003, firstName: "Лидия", lastName: "Фролова" });
    const doc = Buffer.from("скан свидетельства");
    await parent.sendMessage("скриншот ошибки", {
      attachments: [
        { type: "photo", data: TINY_PNG },
        { type: "doc", title: "scan.pdf", data: doc },
      ],
    });
    const ctx = await fake.waitFor(() => received.find((c) => c.senderId === parent.id));
    const [photo] = ctx.getAttachments("photo");
    const [file] = ctx.getAttachments("doc");
    expect(photo?.ownerId).toBe(parent.id);
    expect(file).toMatchObject({ title: "scan.pdf", extension: "pdf", size: doc.length });

    const photoBytes = await fetch(String(photo?.largeSizeUrl));
    expect(photoBytes.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await photoBytes.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    const docBytes = await fetch(String(file?.url));
    expect(Buffer.from(await docBytes.arrayBuffer()).equals(doc)).toBe(true);
  });

  it("lets the community send a user's photo back by its attachment string", async () => {
    const parent = fake.addUser({ id: 4004, firstName: "Марк", lastName: "Зайцев" });
    await parent.sendMessage("", { attachments: [{ type: "photo" }] });
    const ctx = await fake.waitFor(() => received.find((c) => c.senderId === parent.id));
    const [photo] = ctx.getAttachments("photo");
    await vk.api.messages.send({ peer_id: parent.id, random_id: 2, attachment: String(photo) });
    expect(fake.sentMessages(parent.id)[0]?.attachments).toEqual([String(photo)]);
  });
});
