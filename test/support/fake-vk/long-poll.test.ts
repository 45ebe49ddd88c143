import { Keyboard, VK, type MessageContext, type MessageEventContext } from "vk-io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVk, type FakeVk } from "./index.js";

/**
 * The real vk-io polls the fake's Bots Long Poll server and answers through its API:
 * the path a VK bot in long-polling mode takes in production.
 */
describe("fake VK: Bots Long Poll with the real vk-io", () => {
  let fake: FakeVk;
  let vk: VK;
  /** event_id of every raw update vk-io received (vk-io drops it from contexts). */
  const rawEventIds: string[] = [];
  /** Updates that reached the handlers after the event_id dedupe below. */
  const handled: string[] = [];
  /** What ctx.send gave back, per peer (for the 901 case). */
  const sendOutcomes = new Map<number, { threw: boolean; id: number | undefined }>();

  beforeAll(async () => {
    fake = await startFakeVk();
    vk = new VK({ ...fake.vkOptions() });
    // Wrapping must happen before startPolling(), which binds the method at call time.
    const original = vk.updates.handleWebhookUpdate.bind(vk.updates);
    vk.updates.handleWebhookUpdate = async (update: Record<string, unknown>) => {
      const eventId = String(update.event_id);
      const duplicate = rawEventIds.includes(eventId);
      rawEventIds.push(eventId);
      if (duplicate) return;
      handled.push(eventId);
      await original(update);
    };
    vk.updates.on("message_new", onMessage);
    vk.updates.on("message_event", onButton);
    await vk.updates.startPolling();
  });

  afterAll(async () => {
    // vk-io first, so its pending poll is answered by close() and its loop ends.
    await vk.updates.stop();
    await fake.close();
  });

  async function onMessage(ctx: MessageContext): Promise<void> {
    const payload: unknown = ctx.messagePayload;
    if (ctx.text === "меню") {
      const keyboard = Keyboard.builder()
        .textButton({ label: "Помогло", payload: { cmd: "helpful" } })
        .callbackButton({ label: "Нужен оператор", payload: { cmd: "operator" } })
        .inline();
      await ctx.send("Выберите:", { keyboard });
      return;
    }
    const text = `эхо: ${ctx.text ?? ""} ${payload === undefined ? "" : JSON.stringify(payload)}`;
    try {
      const sent = await ctx.send(text);
      sendOutcomes.set(ctx.peerId, { threw: false, id: sent.id });
    } catch {
      sendOutcomes.set(ctx.peerId, { threw: true, id: undefined });
    }
  }

  async function onButton(ctx: MessageEventContext): Promise<void> {
    await ctx.answer({ type: "show_snackbar", text: "Оператор скоро ответит" });
  }

  it("delivers a user's message and records vk-io's reply (sent with peer_ids)", async () => {
    const parent = fake.addUser({ id: 1001, firstName: "Анна", lastName: "Петрова" });
    const delivered = await parent.sendMessage("Привет");

    const reply = await fake.waitForSentMessage(parent.id);
    expect(reply.text).toBe("эхо: Привет ");
    expect(delivered.via).toBe("long-poll");
    expect(rawEventIds).toContain(delivered.eventId);
    expect(delivered.eventId).toMatch(/^[0-9a-f]{40}$/);
    const send = fake.callsTo("messages.send")[0];
    expect(send?.params.peer_ids).toBe("1001");
    expect(send?.response).toEqual([
      { peer_id: 1001, message_id: reply.id, conversation_message_id: 2 },
    ]);
  });

  it("lets a wrapper around handleWebhookUpdate skip a redelivered event_id", async () => {
    const parent = fake.addUser({ id: 1002, firstName: "Борис", lastName: "Иванов" });
    const { eventId } = await parent.sendMessage("один раз");
    await fake.waitForSentMessage(parent.id);

    await fake.redeliver(eventId);
    await fake.waitFor(() => rawEventIds.filter((id) => id === eventId).length === 2);
    expect(handled.filter((id) => id === eventId)).toHaveLength(1);
    expect(parent.receivedMessages()).toHaveLength(1);
  });

  it("presses a text button (payload) and a callback button (message_event answered)", async () => {
    const parent = fake.addUser({ id: 1003, firstName: "Вера", lastName: "Смирнова" });
    await parent.sendMessage("меню");
    const menu = await fake.waitForSentMessage(parent.id, (m) => m.keyboard !== undefined);
    expect(menu.keyboard?.inline).toBe(true);

    await parent.pressButton("Помогло");
    const echo = await fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("эхо"));
    expect(echo.text).toBe('эхо: Помогло {"cmd":"helpful"}');

    const press = await parent.pressButton("Нужен оператор");
    expect(press.event.type).toBe("message_event");
    expect(press.event.object).toMatchObject({
      user_id: 1003,
      payload: { cmd: "operator" },
      conversation_message_id: menu.conversationMessageId,
    });
    const answer = await fake.waitFor(() => fake.messageEventAnswers()[0]);
    expect(answer).toMatchObject({
      userId: 1003,
      eventData: { type: "show_snackbar", text: "Оператор скоро ответит" },
    });
  });

  it("shows that ctx.send does not throw on 901: it resolves without a message id", async () => {
    const parent = fake.addUser({ id: 1005, firstName: "Дина", lastName: "Юдина" });
    parent.forbidMessages();
    await parent.sendMessage("ответ не дойдёт");
    const call = await fake.waitFor(() =>
      fake.callsTo("messages.send").find((c) => c.params.peer_ids === "1005"),
    );
    // The peer_ids answer carries the error per peer; vk-io does not look at it.
    expect(call.response).toEqual([
      {
        peer_id: 1005,
        error: { code: 901, description: "Can't send messages for users without permission" },
      },
    ]);
    const outcome = await fake.waitFor(() => sendOutcomes.get(1005));
    expect(outcome).toEqual({ threw: false, id: undefined });
  });

  it("survives injected failed:1 and failed:2 answers", async () => {
    const parent = fake.addUser({ id: 1004, firstName: "Глеб", lastName: "Орлов" });
    const serverCalls = fake.callsTo("groups.getLongPollServer").length;
    fake.failNextPoll(1);
    fake.failNextPoll(2);
    // The held poll returns on this event; the next two polls get the failures.
    await parent.sendMessage("до сбоя");
    await fake.waitForSentMessage(parent.id);
    // vk-io answers failed:2 by asking for a new server and key.
    await fake.waitFor(() => fake.callsTo("groups.getLongPollServer").length > serverCalls);

    await parent.sendMessage("после сбоя");
    const reply = await fake.waitForSentMessage(parent.id, (m) => m.text.includes("после"));
    expect(reply.text).toBe("эхо: после сбоя ");
  });
});
