import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  RELAY_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness({ forum: false, showAgentName: true });
});
afterAll(async () => h.close());

describe("staff relay in a group without topics: tickets thread by replies to the card", () => {
  test("card, follow-up as a reply to it, agents answer by replying (signed, as configured)", async () => {
    const parent = h.fake.createUser({ first_name: "Алина" });
    parent.sendText(PARENT_BOT_TOKEN, "Не вижу свою заявку в списке");
    const { ticket, cardMessageId } = await h.ticketOf(parent);
    expect(h.fake.calls({ token: RELAY_BOT_TOKEN, method: "createForumTopic" })).toEqual([]);
    const card = h.fake.message(h.staff.id, cardMessageId);
    expect(card?.text).toContain(`Обращение №${ticket.number}`);
    expect(card?.message_thread_id).toBeUndefined();

    parent.sendText(PARENT_BOT_TOKEN, "Заявку подавала вчера вечером");
    const followUp = await h.fake.waitFor(
      () => h.relayPosts().find((m) => m.text?.includes("вчера вечером")),
      10_000,
      "the follow-up",
    );
    expect(followUp.reply_to_message?.message_id).toBe(cardMessageId);

    const first = "Здравствуйте! Заявка есть, она на проверке у организации.";
    const signed = (text: string) => `${text}\n\n— Ирина Петрова, служба поддержки`;
    h.agent.sendText(h.staff.id, first, { replyTo: cardMessageId });
    await h.fake.waitFor(() => h.parentTexts(parent).includes(signed(first)), 10_000, "the reply");

    const second = "Организация ответит в течение двух рабочих дней.";
    h.agent.sendText(h.staff.id, second, { replyTo: followUp });
    await h.fake.waitFor(
      () => h.parentTexts(parent).includes(signed(second)),
      10_000,
      "the second reply",
    );

    // Talk among agents (no reply to a ticket's message) never reaches a parent. The
    // /resolve after it is the barrier: the group's updates are handled in order and the
    // parent's messages sent in order, so the notice comes right after the second reply.
    const before = h.parentTexts(parent).length;
    h.agent.sendText(h.staff.id, "Коллеги, кто сегодня дежурит?");
    h.agent.sendText(h.staff.id, "/resolve", { replyTo: cardMessageId });
    const told = await h.fake.waitFor(
      () => {
        const texts = h.parentTexts(parent);
        const at = texts.findIndex((t) => t.includes(`№${ticket.number} решено`));
        return at >= 0 ? at : undefined;
      },
      10_000,
      "the parent told",
    );
    expect(told).toBe(before);
    await h.fake.waitFor(
      () =>
        h.fake
          .message(h.staff.id, cardMessageId)
          ?.reply_markup?.inline_keyboard.flat()
          .map((b) => b.text)
          .join() === "Открыть снова",
      5000,
      "the card's reopen button",
    );
  });
});
