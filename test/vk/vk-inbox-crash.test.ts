import { afterAll, beforeAll, expect, test } from "vitest";
import { createVkChannel } from "../../bots/vk/index.js";
import { silentLogger } from "../../core/observability/index.js";
import { type ChannelModule, startDelivery } from "../../core/runtime/index.js";
import { startVkHarness, type VkHarness } from "../support/vk-harness.js";

/**
 * Before the inbox, vk-io moved Long Poll's `ts` on before the handlers ran, so a kill -9
 * between the fetch and the commit lost the update. Now the update is stored first: here
 * the process stores it and dies before handling it (its processing is off, then its
 * channel stops), and the next start answers it, once.
 */
let h: VkHarness;
let restarted: { channel: ChannelModule; close(): Promise<void> } | undefined;

beforeAll(async () => {
  h = await startVkHarness();
});
afterAll(async () => {
  await restarted?.close();
  await h.close();
});

test("a VK update stored but not handled when the process died is answered by the next start, once", async () => {
  const parent = h.fake.addUser({ id: 5_000_900, firstName: "Алла", lastName: "Орлова" });
  await h.core.inbox.stop();
  await parent.sendMessage("Не могу найти свою заявку в личном кабинете");
  const row = await h.fake.waitFor(
    async () => (await h.testDb.db.inbox.findFirst({ where: { source: "vk" } })) ?? undefined,
    10_000,
  );
  expect(row.doneAt).toBeNull();
  await h.channel.stop();
  expect(h.fake.sentMessages(parent.id)).toHaveLength(0);

  const channel = createVkChannel({
    core: h.core,
    config: { token: h.fake.token, groupId: h.fake.groupId, apiBaseUrl: h.fake.apiBaseUrl },
    logger: silentLogger(),
    fetchers: {},
    route: () => undefined,
    client: { apiRetryLimit: 0 },
  });
  const delivery = await startDelivery(h.core, channel.senders);
  restarted = {
    channel,
    async close() {
      await channel.stop();
      await delivery.close();
    },
  };
  await channel.startReceiving();
  await h.fake.waitForSentMessage(parent.id, (m) => m.text.includes("принято"));
  await h.core.inbox.settled();
  expect(h.fake.sentMessages(parent.id).filter((m) => m.text.includes("принято"))).toHaveLength(1);
  const done = await h.testDb.db.inbox.findUniqueOrThrow({ where: { id: row.id } });
  expect(done.doneAt).not.toBeNull();
});
