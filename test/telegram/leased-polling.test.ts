import { afterAll, beforeAll, expect, test } from "vitest";
import { createTelegramChannel } from "../../bots/telegram/index.js";
import { createI18n } from "../../core/i18n/index.js";
import { createMetrics, silentLogger } from "../../core/observability/index.js";
import { createRedis, type RedisClient } from "../../core/queue/index.js";
import {
  type ChannelModule,
  type Core,
  createCore,
  startDelivery,
} from "../../core/runtime/index.js";
import { systemClock } from "../../core/shared/index.js";
import type { ApiCall, FakeUser } from "../support/fake-telegram/index.js";
import {
  PARENT_BOT_TOKEN,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";
import { testConfig } from "../support/test-core.js";
import { testRedisUrl } from "../support/test-redis.js";

/**
 * Two processes for one bot token (the harness, and a second core with its own Redis
 * connection on the same database and Redis prefix): one long-polls, the other stands by,
 * each update is handed out by the fake once, and when the poller stops the other takes
 * over. The poller lease is 1.5 s instead of POLLER_LEASE_SECONDS' 6, so a standby's
 * takeover fits the test's time (the SIGKILL takeover with the production lease is in
 * test/app/scale-out.test.ts).
 */
const LEASE_MS = 1_500;
let h: TelegramHarness;
let second: { core: Core; redis: RedisClient; channel: ChannelModule; close(): Promise<void> };
const handedOut = new Map<number, number>();
const conflicts: ApiCall[] = [];

beforeAll(async () => {
  h = await startTelegramHarness({ faq: "default", inbox: { pollerLeaseMs: LEASE_MS } });
  h.fake.onCall((call) => {
    if (call.method !== "getUpdates" || call.token !== PARENT_BOT_TOKEN) return;
    if (call.error?.error_code === 409) conflicts.push(call);
    if (call.ok)
      for (const u of call.result as { update_id: number }[])
        handedOut.set(u.update_id, (handedOut.get(u.update_id) ?? 0) + 1);
  });
  const redis = createRedis(testRedisUrl);
  const core = createCore({
    db: h.testDb.db,
    redis,
    queuePrefix: h.testRedis.prefix,
    clock: systemClock,
    config: testConfig(),
    i18n: createI18n(),
    faq: h.core.intake.faq,
    logger: silentLogger(),
    metrics: createMetrics(),
    inbox: { pollerLeaseMs: LEASE_MS },
  });
  const channel = createTelegramChannel({
    core,
    config: { token: PARENT_BOT_TOKEN, apiRoot: h.fake.apiRoot, sendsPerSecond: 30 },
    logger: silentLogger(),
    fetchers: {},
    route: () => undefined,
    pollTimeoutSeconds: 1,
  });
  const delivery = await startDelivery(core, channel.senders);
  await channel.startReceiving();
  second = {
    core,
    redis,
    channel,
    async close() {
      await channel.stop();
      await delivery.close();
      await core.close();
      redis.disconnect();
    },
  };
});
afterAll(async () => {
  await second.close();
  await h.close();
});

const leaseKey = () => `${h.testRedis.prefix}:poller:telegram:${PARENT_BOT_TOKEN.split(":")[0]}`;
const holder = async () => {
  const owner = await h.testRedis.redis.get(leaseKey());
  if (owner === h.core.inbox.owner) return "first";
  if (owner === second.core.inbox.owner) return "second";
  return owner ?? "nobody";
};

async function askEach(parents: FakeUser[], text: string) {
  for (const parent of parents) parent.sendText(PARENT_BOT_TOKEN, text);
}

test("two processes for one token: one polls, each update is handed out once, each answered once; the other takes over when it stops", async () => {
  expect(["first", "second"]).toContain(await holder());
  const parents = Array.from({ length: 8 }, (_, i) => h.fake.createUser({ first_name: `П${i}` }));
  await askEach(parents, "Как восстановить забытый пароль?");
  const answered = (n: number) => () =>
    parents.every((p) => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: p.id }).length >= n) ||
    undefined;
  await h.waitFor(answered(1), 15_000, "every parent answered");

  // The poller goes away; the standby holds the lease within a lease time and polls.
  const before = await holder();
  const stopping = before === "first" ? h.channel : second.channel;
  const stoppedAt = Date.now();
  await stopping.stop();
  await h.waitFor(
    async () => ((await holder()) === (before === "first" ? "second" : "first") ? true : undefined),
    10_000,
    "the standby takes the lease",
  );
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  await askEach(parents, "Как восстановить забытый пароль?");
  await h.waitFor(answered(2), 15_000, "every parent answered again");
  await Promise.all([h.core.inbox.settled(), second.core.inbox.settled()]);

  expect(
    parents.map((p) => h.fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: p.id }).length),
  ).toEqual(parents.map(() => 2));
  expect(handedOut.size).toBe(16);
  expect([...handedOut.values()].every((n) => n === 1)).toBe(true);
  expect(conflicts).toEqual([]);
  // The stopped process stays stopped: restart it for the harness's own close.
  if (before === "first") await h.channel.startReceiving();
  else await second.channel.startReceiving();
});
