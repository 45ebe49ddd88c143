import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  PARENT_BOT_TOKEN,
  type RelayHarness,
  startRelayHarness,
} from "../support/relay-harness.js";

let h: RelayHarness;
beforeAll(async () => {
  h = await startRelayHarness();
});
afterAll(async () => h.close());

function buttonData(message: Message | undefined, label: string): string {
  const button = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
  if (!button || !("callback_data" in button)) throw new Error(`no "${label}" button`);
  return button.callback_data;
}

describe("staff relay: only members who may write act", () => {
  test("a read-only (restricted) member's tap and reply do nothing; once allowed to write, they act", async () => {
    const parent = h.fake.createUser({ first_name: "Роза" });
    parent.sendText(PARENT_BOT_TOKEN, "Не вижу свою заявку в личном кабинете");
    const { ticket, threadId, cardMessageId } = await h.ticketOf(parent);
    const card = h.fake.message(h.staff.id, cardMessageId) as Message;

    const intern = h.fake.createUser({ first_name: "Стажёр" });
    h.fake.setMember(h.staff.id, intern, "restricted");
    const take = intern.clickButton(card, buttonData(card, "Взять"));
    const refusal = await h.fake.waitFor(() => take.answer(), 5000, "the refusal");
    expect(refusal.text).toBe(
      "Действия с обращениями доступны сотрудникам, которые могут писать в этой группе",
    );
    intern.sendText({ chatId: h.staff.id, threadId }, "Проверьте раздел «Мои заявки»");

    // A member's reply after the intern's: once it reaches the parent, the intern's was seen.
    h.agent.sendText({ chatId: h.staff.id, threadId }, "Здравствуйте! Уточняю, минуту.");
    await h.fake.waitFor(
      () => h.parentTexts(parent).some((t) => t.includes("Уточняю, минуту")),
      10_000,
      "the member's reply",
    );
    expect(h.parentTexts(parent).some((t) => t.includes("Мои заявки"))).toBe(false);
    const untouched = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(untouched.assigneeId).toBeNull();
    expect(await h.testDb.db.agent.count({ where: { telegramUserId: String(intern.id) } })).toBe(0);

    // Restricted but allowed to write (e.g. no media): a colleague like any other.
    const writer = h.fake.createUser({ first_name: "Пишущий" });
    h.fake.setMember(h.staff.id, writer, "restricted", { canSendMessages: true });
    const taken = writer.clickButton(card, buttonData(card, "Взять"));
    await h.fake.waitFor(
      async () =>
        (
          await h.testDb.db.ticket.findUniqueOrThrow({
            where: { id: ticket.id },
            include: { assignee: true },
          })
        ).assignee?.telegramUserId === String(writer.id),
      5000,
      "the ticket taken",
    );
    // The tap is answered after the commit: wait for it rather than look once.
    const answer = await h.fake.waitFor(() => taken.answer(), 5000, "the answer to the tap");
    expect(answer.text).toBe(`Обращение №${ticket.number} за вами`);
  });
});
