import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callVkApi, startFakeVk, type FakeVk } from "./index.js";

interface ServerInfo {
  server: string;
  key: string;
  ts: string;
}

async function longPollServer(fake: FakeVk): Promise<ServerInfo> {
  const body = await callVkApi(fake, "groups.getLongPollServer", { group_id: fake.groupId });
  return (body as { response: ServerInfo }).response;
}

async function poll(info: ServerInfo, ts: string, wait = 1): Promise<unknown> {
  const query = new URLSearchParams({ act: "a_check", key: info.key, ts, wait: String(wait) });
  const response = await fetch(`${info.server}?${query.toString()}`);
  return response.json();
}

/** The Bots Long Poll wire protocol, spoken by hand (no vk-io), with short waits. */
describe("fake VK: Bots Long Poll protocol", () => {
  let fake: FakeVk;

  beforeAll(async () => {
    fake = await startFakeVk({ maxLongPollWaitMs: 150 });
  });

  afterAll(async () => {
    await fake.close();
  });

  it("hands out a loopback server, then returns events after ts in VK's envelope", async () => {
    const info = await longPollServer(fake);
    expect(info.server).toBe(`${fake.origin}/lp`);
    const parent = fake.addUser({ id: 6001, firstName: "Олег", lastName: "Егоров" });
    const { eventId } = await parent.sendMessage("вопрос", { payload: { cmd: "start" } });

    const answer = await poll(info, info.ts);
    expect(answer).toEqual({
      ts: String(Number(info.ts) + 1),
      updates: [
        {
          type: "message_new",
          group_id: fake.groupId,
          event_id: eventId,
          v: fake.apiVersion,
          object: {
            message: expect.objectContaining({
              from_id: 6001,
              peer_id: 6001,
              text: "вопрос",
              out: 0,
              conversation_message_id: 1,
              attachments: [],
              payload: '{"cmd":"start"}',
            }) as unknown,
            client_info: expect.objectContaining({
              keyboard: true,
              inline_keyboard: true,
              carousel: true,
              lang_id: 0,
              button_actions: expect.arrayContaining(["text", "callback"]) as unknown,
            }) as unknown,
          },
        },
      ],
    });
  });

  it("holds an empty poll for `wait` (capped) and answers with no updates", async () => {
    const info = await longPollServer(fake);
    const started = Date.now();
    expect(await poll(info, info.ts, 25)).toEqual({ ts: info.ts, updates: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("wakes a held poll as soon as an event arrives", async () => {
    const slow = await startFakeVk();
    try {
      const info = await longPollServer(slow);
      const parent = slow.addUser({ id: 6002, firstName: "Пётр", lastName: "Волков" });
      const started = Date.now();
      const held = poll(info, info.ts, 25);
      setTimeout(() => void parent.sendMessage("сейчас"), 50);
      expect(await held).toMatchObject({ updates: [{ type: "message_new" }] });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await slow.close();
    }
  });

  it("answers failed:1 for a ts from the future, failed:2 for a wrong key, and injected failures", async () => {
    const info = await longPollServer(fake);
    expect(await poll(info, "999999")).toEqual({ failed: 1, ts: info.ts });
    expect(await poll({ ...info, key: "stale" }, info.ts)).toEqual({ failed: 2 });

    fake.failNextPoll(3);
    expect(await poll(info, info.ts)).toEqual({ failed: 3 });
    // failed:3 also invalidated the key: the client must ask for a new one.
    expect(await poll(info, info.ts)).toEqual({ failed: 2 });
    const renewed = await longPollServer(fake);
    expect(renewed.key).not.toBe(info.key);
  });
});
