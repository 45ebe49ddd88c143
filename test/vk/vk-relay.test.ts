import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { keyboardLabels, TINY_PNG } from "../support/fake-vk/index.js";
import {
  RELAY_BOT_TOKEN,
  startVkHarness,
  type VkHarness,
  type VkStaffSide,
} from "../support/vk-harness.js";

let h: VkHarness;
let staff: VkStaffSide;
beforeAll(async () => {
  h = await startVkHarness({ relay: true });
  if (!h.staff) throw new Error("the harness started without the staff relay");
  staff = h.staff;
});
afterAll(async () => h.close());

let nextUserId = 5_000_700;
const addParent = (firstName: string) =>
  h.fake.addUser({ id: nextUserId++, firstName, lastName: "Волкова" });
const texts = (peerId: number) => h.fake.sentMessages(peerId).map((m) => m.text);
const inTopic = (threadId: number) => ({ chatId: staff.group.id, threadId });

describe("VK parents and agents in the staff group", () => {
  test("an out-of-scope question opens a ticket and a topic whose card names the VK parent", async () => {
    const parent = addParent("Ольга");
    await parent.sendMessage("Не получается подписать договор на кружок, пишет ошибку 500");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const { ticket, threadId } = await staff.ticketOf(parent.id);
    const topic = staff.telegram.topic(staff.group.id, threadId);
    expect(topic?.name).toMatch(new RegExp(`^№${ticket.number} · `));
    const [card] = staff.posts(threadId);
    expect(card?.text).toContain(`Обращение №${ticket.number}`);
    expect(card?.text).toContain("Родитель: Ольга Волкова · ВКонтакте");
    expect(card?.text).toContain("Не получается подписать договор на кружок");
  });

  test("an agent's reply in the topic reaches the VK parent as the exact text", async () => {
    const parent = addParent("Пётр");
    await parent.sendMessage("Не приходит код подтверждения на почту");
    const { ticket, threadId } = await staff.ticketOf(parent.id);
    const reply = "Здравствуйте! Проверьте, пожалуйста, папку «Спам»: письмо могло попасть туда.";
    staff.agent.sendText(inTopic(threadId), reply);
    const received = await h.fake.waitForSentMessage(parent.id, (m) => m.text === reply, 10_000);
    expect(received.keyboard).toBeUndefined();
    const after = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.status).toBe("waiting_parent");
  });

  test("/resolve notifies the VK parent with rating buttons; a tap rates the ticket", async () => {
    const parent = addParent("Мария");
    await parent.sendMessage("Как отменить заявку на кружок?");
    const { ticket, threadId } = await staff.ticketOf(parent.id);
    staff.agent.sendText(inTopic(threadId), "/resolve Заявку отменили, место освобождено");
    const notice = await h.fake.waitForSentMessage(
      parent.id,
      (m) => m.text.startsWith(`Обращение №${ticket.number} решено.`),
      10_000,
    );
    expect(notice.text).toContain("Заявку отменили, место освобождено");
    expect(notice.text).toMatch(/Оцените, пожалуйста, помощь:$/);
    expect(notice.keyboard?.inline).toBe(true);
    expect(keyboardLabels(notice.keyboard)).toEqual([
      ["⭐", "⭐⭐", "⭐⭐⭐"],
      ["⭐⭐⭐⭐", "⭐⭐⭐⭐⭐"],
    ]);
    await parent.pressButton("⭐⭐⭐⭐⭐");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text === "Спасибо за оценку!");
    const rated = await h.testDb.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(rated).toMatchObject({ status: "resolved", rating: 5 });
    await staff.telegram.waitFor(
      () => staff.posts(threadId).some((m) => m.text === "Оценка родителя: 5 из 5."),
      10_000,
      "the rating in the topic",
    );
  });

  test("a 901 refusal is shown to the agent in the topic and the parent marked unreachable", async () => {
    const parent = addParent("Ксения");
    await parent.sendMessage("Не открывается страница программы");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
    const { threadId } = await staff.ticketOf(parent.id);
    parent.forbidMessages("permission");
    staff.agent.sendText(inTopic(threadId), "Подскажите, пожалуйста, какой у вас браузер?");
    const warning = await staff.telegram.waitFor(
      () => staff.posts(threadId).find((m) => m.text?.startsWith("⚠️ Сообщение не доставлено")),
      10_000,
      "the delivery warning in the topic",
    );
    expect(warning.text).toMatch(/родитель заблокировал бота или запретил сообщения/);
    const contact = await h.testDb.db.contact.findFirstOrThrow({
      where: { channel: "vk", externalId: String(parent.id) },
    });
    expect(contact.blockedReason).toBe("RECIPIENT_BLOCKED");
    expect(
      h.fake
        .callsTo("messages.send")
        .filter((c) => c.error?.error_code === 901 && c.params.peer_id === String(parent.id)),
    ).toHaveLength(1);
    expect(texts(parent.id).some((t) => t.includes("браузер"))).toBe(false);
  });

  test("a VK parent's photo is downloaded from VK and posted in the topic by the relay bot", async () => {
    const parent = addParent("Лидия");
    await parent.sendMessage("Вот скриншот ошибки", {
      attachments: [{ type: "photo", data: TINY_PNG }],
    });
    const { threadId } = await staff.ticketOf(parent.id);
    const photo = await staff.telegram.waitFor(
      () => staff.posts(threadId).find((m) => m.photo),
      10_000,
      "the parent's photo in the topic",
    );
    const fileId = photo.photo?.at(-1)?.file_id ?? "";
    const file = (await (
      await fetch(
        `${staff.telegram.apiRoot}/bot${RELAY_BOT_TOKEN}/getFile?file_id=${encodeURIComponent(fileId)}`,
      )
    ).json()) as { result: { file_path: string } };
    const bytes = await fetch(
      `${staff.telegram.apiRoot}/file/bot${RELAY_BOT_TOKEN}/${file.result.file_path}`,
    );
    expect(Buffer.from(await bytes.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  });

  test("an agent's photo reaches the VK parent, uploaded to VK by the community bot", async () => {
    const parent = addParent("Ася");
    await parent.sendMessage("Где найти кнопку «Записаться»?");
    const { threadId } = await staff.ticketOf(parent.id);
    const png = Buffer.concat([TINY_PNG]);
    staff.agent.sendPhoto(inTopic(threadId), {
      caption: "Кнопка справа, под описанием программы.",
      data: png,
    });
    const received = await h.fake.waitForSentMessage(
      parent.id,
      (m) => m.attachments.length > 0,
      10_000,
    );
    expect(received.text).toBe("Кнопка справа, под описанием программы.");
    const [uploaded] = h.fake.files().filter((f) => received.attachments.includes(f.attachment));
    expect(uploaded).toMatchObject({ kind: "photo", ownerId: -h.fake.groupId });
    expect(uploaded?.bytes.equals(png)).toBe(true);
  });
  test("a VK parent's personal data reaches the topic masked, with 'show' for the agent alone", async () => {
    const parent = addParent("Нина");
    await parent.sendMessage("Не могу войти в личный кабинет, пишет «неверный пароль»");
    const { ticket, threadId } = await staff.ticketOf(parent.id);
    await parent.sendMessage(
      "Телефон +7 922 111-22-33, СНИЛС 112-233-445 95, паспорт 4510 123456, почта nina.v@mail.ru",
    );
    const post = await staff.telegram.waitFor(
      () => staff.posts(threadId).find((m) => m.text?.includes("СНИЛС")),
      10_000,
      "the follow-up in the topic",
    );
    for (const secret of ["111-22-33", "112-233-445 95", "4510 123456", "nina.v@mail.ru"])
      expect(post.text).not.toContain(secret);
    expect(post.text).toContain(
      "Телефон +7 (922) ***-**-33, СНИЛС ***-***-*** 95, паспорт ** ** ***456, почта n***@mail.ru",
    );
    const button = post.reply_markup?.inline_keyboard.flat().find((b) => b.text.startsWith("👁"));
    if (!button || !("callback_data" in button)) throw new Error("no 'show' button");
    const press = staff.agent.clickButton(post, button.callback_data);
    const answer = await staff.telegram.waitFor(() => press.answer(), 5000, "the alert");
    expect(answer.text).toContain("СНИЛС: 112-233-445 95");
    expect(
      await h.testDb.db.auditLog.count({ where: { ticketId: ticket.id, action: "pii_revealed" } }),
    ).toBe(1);
  });
});
