import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startVkHarness, type VkHarness, type VkStaffSide } from "../support/vk-harness.js";

let h: VkHarness;
let staff: VkStaffSide;
beforeAll(async () => {
  h = await startVkHarness({ relay: true });
  if (!h.staff) throw new Error("the harness started without the staff relay");
  staff = h.staff;
  // Only supervisors and group administrators open incidents.
  await h.testDb.db.agent.create({
    data: { telegramUserId: String(staff.agent.id), displayName: "Ирина", role: "supervisor" },
  });
});
afterAll(async () => h.close());

const texts = (peerId: number) => h.fake.sentMessages(peerId).map((m) => m.text);

describe("incident mode on VK", () => {
  test("a VK parent gets the notice before the ticket's number, and the resolution", async () => {
    const notice = "Личный кабинет временно недоступен, уже исправляем.";
    staff.agent.sendText({ chatId: staff.group.id }, `/incident ${notice}`);
    await h.fake.waitFor(
      () =>
        h.testDb.db.incident.findFirst({
          where: { status: "open", summaryMessageId: { not: null } },
        }),
      10_000,
    );
    const parent = h.fake.addUser({ id: 5_000_900, firstName: "Ольга", lastName: "Волкова" });
    await parent.sendMessage("Не могу войти в личный кабинет");
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"), 10_000);
    const sent = texts(parent.id);
    expect(sent[0]).toContain(notice);
    expect(sent.findIndex((t) => t.includes("принято"))).toBeGreaterThan(0);

    const resolution = "Личный кабинет снова работает.";
    staff.agent.sendText({ chatId: staff.group.id }, `/incident resolve ${resolution}`);
    await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes(resolution), 15_000);
    expect(texts(parent.id).filter((t) => t.includes(resolution))).toHaveLength(1);
    const ticket = await h.testDb.db.ticket.findFirstOrThrow({
      where: { contact: { channel: "vk", externalId: String(parent.id) } },
    });
    expect(ticket.status).toBe("resolved");
  }, 60_000);
});
