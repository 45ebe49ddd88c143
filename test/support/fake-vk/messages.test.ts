import { APIError, Keyboard, VK } from "vk-io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callVkApi, keyboardLabels, startFakeVk, type FakeVk } from "./index.js";

/** messages.* and friends called through the real vk-io API client. */
describe("fake VK: messages API", () => {
  let fake: FakeVk;
  let vk: VK;
  let nextUserId = 3000;

  const newUser = () =>
    fake.addUser({ id: ++nextUserId, firstName: "Иван", lastName: `Тестов${nextUserId}` });

  beforeAll(async () => {
    fake = await startFakeVk();
    vk = new VK({ ...fake.vkOptions() });
  });

  afterAll(async () => {
    await fake.close();
  });

  it("answers a repeated random_id with the original id and stores one message", async () => {
    const parent = newUser();
    const first = await vk.api.messages.send({ peer_id: parent.id, random_id: 777, message: "a" });
    const again = await vk.api.messages.send({ peer_id: parent.id, random_id: 777, message: "a" });
    expect(again).toBe(first);
    expect(fake.sentMessages(parent.id)).toHaveLength(1);
    expect(fake.sentMessages(parent.id)[0]).toMatchObject({ id: first, randomId: 777, text: "a" });
  });

  it("returns [{peer_id, message_id, conversation_message_id}] for peer_ids", async () => {
    const parent = newUser();
    const answer = await vk.api.messages.send({ peer_ids: parent.id, random_id: 1, message: "b" });
    const [stored] = fake.sentMessages(parent.id);
    expect(answer).toEqual([
      { peer_id: parent.id, message_id: stored?.id, conversation_message_id: 1 },
    ]);
  });

  it("surfaces 901 and 902 as vk-io APIError and stores nothing", async () => {
    const parent = newUser();
    parent.forbidMessages();
    const denied = vk.api.messages.send({ peer_id: parent.id, random_id: 2, message: "c" });
    await expect(denied).rejects.toBeInstanceOf(APIError);
    await expect(denied).rejects.toMatchObject({
      code: 901,
      message: "Code №901 - Can't send messages for users without permission",
    });
    parent.forbidMessages("privacy");
    const privacy = vk.api.messages.send({ peer_id: parent.id, random_id: 3, message: "c" });
    await expect(privacy).rejects.toMatchObject({ code: 902 });
    expect(fake.sentMessages(parent.id)).toHaveLength(0);
  });

  it("reports 901 per peer inside a peer_ids answer (the VK schema's shape)", async () => {
    const parent = newUser();
    parent.forbidMessages();
    const answer = await vk.api.messages.send({ peer_ids: parent.id, random_id: 4, message: "d" });
    expect(answer).toEqual([
      {
        peer_id: parent.id,
        error: { code: 901, description: "Can't send messages for users without permission" },
      },
    ]);
  });

  it("can report peer_ids denials as a top-level error instead (option)", async () => {
    const strict = await startFakeVk({ peerIdsErrors: "top-level" });
    try {
      const strictVk = new VK({ ...strict.vkOptions() });
      const parent = strict.addUser({ id: 1, firstName: "А", lastName: "Б" });
      parent.forbidMessages();
      const send = strictVk.api.messages.send({ peer_ids: parent.id, random_id: 1, message: "e" });
      await expect(send).rejects.toMatchObject({ code: 901 });
    } finally {
      await strict.close();
    }
  });

  it("accepts a vk-io inline keyboard and keeps it parsed", async () => {
    const parent = newUser();
    const keyboard = Keyboard.builder()
      .textButton({ label: "Да", payload: { answer: "yes" }, color: Keyboard.POSITIVE_COLOR })
      .textButton({ label: "Нет", payload: { answer: "no" } })
      .row()
      .callbackButton({ label: "Оператор", payload: { cmd: "operator" } })
      .inline();
    await vk.api.messages.send({ peer_id: parent.id, random_id: 5, message: "?", keyboard });
    const [sent] = fake.sentMessages(parent.id);
    expect(sent?.keyboard?.inline).toBe(true);
    expect(keyboardLabels(sent?.keyboard)).toEqual([["Да", "Нет"], ["Оператор"]]);
    expect(sent?.keyboard?.buttons[1]?.[0]?.action).toMatchObject({ type: "callback" });
  });

  it("rejects invalid keyboards with 911", async () => {
    const parent = newUser();
    const button = { action: { type: "text", label: "x" } };
    const wide = JSON.stringify({ inline: true, buttons: [Array(6).fill(button)] });
    const many = JSON.stringify({ inline: true, buttons: Array(6).fill([button, button]) });
    for (const keyboard of ["{not json", wide, many]) {
      const send = vk.api.messages.send({
        peer_id: parent.id,
        random_id: 0,
        message: "k",
        keyboard,
      });
      await expect(send).rejects.toMatchObject({ code: 911 });
    }
    expect(fake.sentMessages(parent.id)).toHaveLength(0);
  });

  it("limits text to 4096 characters (914) and needs text or an attachment", async () => {
    const parent = newUser();
    const long = "я".repeat(4097);
    await expect(
      vk.api.messages.send({ peer_id: parent.id, random_id: 6, message: long }),
    ).rejects.toMatchObject({ code: 914, message: "Code №914 - Message is too long" });
    await vk.api.messages.send({ peer_id: parent.id, random_id: 7, message: long.slice(1) });
    await expect(
      vk.api.messages.send({ peer_id: parent.id, random_id: 8, message: "" }),
    ).rejects.toMatchObject({ code: 100 });
    expect(fake.sentMessages(parent.id)).toHaveLength(1);
  });

  it("refuses attachments that were never uploaded (100)", async () => {
    const parent = newUser();
    const send = vk.api.messages.send({
      peer_id: parent.id,
      random_id: 9,
      attachment: `photo-${fake.groupId}_1`,
    });
    await expect(send).rejects.toMatchObject({ code: 100 });
  });

  it("edits a community message and reports the conversation's can_write", async () => {
    const parent = newUser();
    // vk-io types messages.send as the peer_ids array; with peer_id VK returns a number.
    const sent: unknown = await vk.api.messages.send({
      peer_id: parent.id,
      random_id: 10,
      message: "old",
    });
    const id = Number(sent);
    expect(id).toBe(fake.sentMessages(parent.id)[0]?.id);
    await vk.api.messages.edit({ peer_id: parent.id, message_id: id, message: "new" });
    expect(fake.sentMessages(parent.id)[0]).toMatchObject({ text: "new", previousTexts: ["old"] });
    const { items } = await vk.api.messages.getById({ message_ids: id });
    expect(items[0]).toMatchObject({ id, text: "new", out: 1, peer_id: parent.id });

    parent.forbidMessages();
    const conversations = await vk.api.messages.getConversationsById({ peer_ids: parent.id });
    expect(conversations.items[0]?.can_write).toEqual({ allowed: false, reason: 901 });
  });

  it("describes users and the community", async () => {
    const parent = newUser();
    const [user] = await vk.api.users.get({ user_ids: [parent.id] });
    expect(user).toMatchObject({ id: parent.id, first_name: "Иван", last_name: parent.lastName });
    const { groups } = await vk.api.groups.getById({});
    expect(groups[0]).toMatchObject({ id: fake.groupId, name: "Навигатор: поддержка" });
  });

  it("answers a wrong token with VK's error 5 body, request_params included", async () => {
    const body = await callVkApi(fake, "users.get", { user_ids: 1 }, { token: "bad" });
    expect(body).toEqual({
      error: {
        error_code: 5,
        error_msg: "User authorization failed: invalid access_token",
        request_params: [
          { key: "method", value: "users.get" },
          { key: "oauth", value: "1" },
          { key: "v", value: fake.apiVersion },
          { key: "user_ids", value: "1" },
        ],
      },
    });
  });

  it("accepts GET with query parameters too", async () => {
    const parent = newUser();
    const query = new URLSearchParams({
      access_token: fake.token,
      v: fake.apiVersion,
      user_ids: String(parent.id),
    });
    const response = await fetch(`${fake.apiBaseUrl}/users.get?${query.toString()}`);
    expect(await response.json()).toMatchObject({ response: [{ id: parent.id }] });
  });
});
