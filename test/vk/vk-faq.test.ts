import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { keyboardLabels } from "../support/fake-vk/index.js";
import { startVkHarness, type VkHarness } from "../support/vk-harness.js";

let h: VkHarness;
beforeAll(async () => {
  h = await startVkHarness({ faq: "default" });
});
afterAll(async () => h.close());

let nextUserId = 5_000_900;
const addParent = (firstName: string) =>
  h.fake.addUser({ id: nextUserId++, firstName, lastName: "Орлова" });
const ticketCount = (userId: number) =>
  h.testDb.db.ticket.count({ where: { contact: { channel: "vk", externalId: String(userId) } } });

describe("VK: FAQ answers and the way to a person", () => {
  test("a VK question is answered from the FAQ with 'helped / need a specialist' buttons", async () => {
    const parent = addParent("Дарья");
    await parent.sendMessage("забыла пароль от личного кабинета, как восстановить?");
    const answer = await h.fake.waitForSentMessage(parent.id);
    expect(answer.text).toMatch(/Забыли пароль/);
    expect(answer.text).toMatch(/Помог ли ответ\?$/);
    expect(answer.keyboard?.inline).toBe(true);
    expect(keyboardLabels(answer.keyboard)).toEqual([["Помогло", "Нет, нужен специалист"]]);
    expect(await ticketCount(parent.id)).toBe(0);
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { channel: "vk", externalId: String(parent.id) },
    });
    const lookup = await h.testDb.db.faqLookup.findFirstOrThrow({
      where: { contactId: contact.id },
    });
    expect(lookup.outcome).toBe("answered");
  });

  test("'Помогло' is counted and thanked once, and the buttons go away", async () => {
    const parent = addParent("Роман");
    await parent.sendMessage("как восстановить пароль от навигатора");
    const answer = await h.fake.waitForSentMessage(parent.id);
    const helpful = async () =>
      (
        await h.testDb.db.faqEntry.findFirstOrThrow({
          where: { slug: "account-password-reset" },
        })
      ).helpfulYes;
    const before = await helpful();
    await parent.pressButton("Помогло");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.startsWith("Спасибо! Рады"));
    const edited = await h.fake.waitFor(() =>
      h.fake.sentMessages(parent.id).find((m) => m.id === answer.id && m.previousTexts.length > 0),
    );
    expect(edited.keyboard?.buttons ?? []).toEqual([]);
    expect(edited.text).toBe(answer.text);
    // The press that removed the buttons is settled: counted and thanked exactly once.
    expect(await helpful()).toBe(before + 1);
    expect(
      h.fake.sentMessages(parent.id).filter((m) => m.text.startsWith("Спасибо! Рады")),
    ).toHaveLength(1);
  });

  test("'Нет, нужен специалист' opens a ticket with the original question", async () => {
    const parent = addParent("Марина");
    await parent.sendMessage("не помню пароль, как его восстановить");
    await h.fake.waitForSentMessage(parent.id);
    await parent.pressButton("Нет, нужен специалист");
    const opened = await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    expect(opened.text).toMatch(/^Обращение №\d+ принято\. Ответим до /);
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { channel: "vk", externalId: String(parent.id) } },
      include: { messages: true },
    });
    expect(ticket.messages[0]?.text).toBe("не помню пароль, как его восстановить");
    expect(ticket.faqOffered).toEqual(["account-password-reset"]);
  });

  test("an unsure question opens a ticket with likely answers; the right one answers, and 'Помогло' closes the ticket", async () => {
    const parent = addParent("Ольга");
    await parent.sendMessage("как сделать серт");
    const opened = await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    expect(opened.text).toMatch(/^Обращение №\d+ принято\. Ответим до /);
    expect(opened.text).toContain("Возможно, ответ уже есть:");
    expect(keyboardLabels(opened.keyboard).flat()).toContain("Как получить сертификат?");
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { channel: "vk", externalId: String(parent.id) } },
    });
    await parent.pressButton("Как получить сертификат?");
    const answer = await h.fake.waitForSentMessage(parent.id, (m) =>
      m.text.startsWith("Как получить сертификат?"),
    );
    expect(keyboardLabels(answer.keyboard)).toEqual([["Помогло", "Нужен специалист"]]);
    await parent.pressButton("Помогло");
    const closed = await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("закрыто"));
    expect(closed.text).toContain(`Обращение №${ticket.number} закрыто`);
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe("resolved");
    expect(after.selfServedSlug).toBe("certificate-get");
  });

  test("the FAQ menu fits VK's inline keyboards: topics, then a topic's questions, then an answer", async () => {
    const parent = addParent("Глеб");
    await parent.sendMessage("/faq");
    const topics = await h.fake.waitForSentMessage(parent.id);
    expect(topics.text).toBe("Выберите тему:");
    expect(topics.keyboard?.inline).toBe(true);
    const labels = keyboardLabels(topics.keyboard).flat();
    expect(labels).toContain("Личный кабинет");
    await parent.pressButton("Личный кабинет");
    const questions = await h.fake.waitForSentMessage(parent.id, (m) =>
      m.text.startsWith("Личный кабинет:"),
    );
    const rows = questions.keyboard?.buttons ?? [];
    expect(rows.length).toBeLessThanOrEqual(6);
    expect(rows.flat().length).toBeLessThanOrEqual(10);
    const first = rows[0]?.[0]?.action.label;
    if (!first) throw new Error("no question buttons");
    expect([...first].length).toBeLessThanOrEqual(40);
    await parent.pressButton(first);
    const answer = await h.fake.waitFor(
      () => h.fake.sentMessages(parent.id).find((m) => m.text.endsWith("Помог ли ответ?")),
      { timeoutMs: 5_000, message: "the FAQ answer" },
    );
    expect(answer.text.length).toBeGreaterThan(50);
    expect(await ticketCount(parent.id)).toBe(0);
  });
});
