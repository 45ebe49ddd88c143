import type { Message } from "grammy/types";
import { createHttpServer, type HttpServer } from "../../app/http-server.js";
import { createRelayChannel } from "../../bots/relay/index.js";
import { createVkChannel, VK_CALLBACK_PATH, type VkClientOverrides } from "../../bots/vk/index.js";
import type { Config } from "../../core/config/index.js";
import type { Ticket } from "../../core/db/index.js";
import { silentLogger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import { type ChannelModule, startDelivery } from "../../core/runtime/index.js";
import type { Clock } from "../../core/shared/index.js";
import { staffGuards } from "../../core/staff/index.js";
import {
  type FakeTelegram,
  type FakeUser,
  type GroupHandle,
  startFakeTelegram,
} from "./fake-telegram/index.js";
import { startFakeVk, type FakeVk, type FakeVkOptions } from "./fake-vk/index.js";
import { RELAY_BOT_TOKEN } from "./relay-harness.js";
import { createTestCore, type TestConfig, type TestCore } from "./test-core.js";

export { RELAY_BOT_TOKEN };

/** The staff side: the relay bot in a forum supergroup on the fake Bot API, with an agent. */
export interface VkStaffSide {
  telegram: FakeTelegram;
  group: GroupHandle;
  agent: FakeUser;
  relay: ChannelModule;
  /** Waits until the VK parent's newest ticket has its topic and card. */
  ticketOf(vkUserId: number, timeoutMs?: number): Promise<{ ticket: Ticket; threadId: number }>;
  /** What the relay bot posted in a topic. */
  posts(threadId: number): Message[];
}

export interface VkHarness extends TestCore {
  fake: FakeVk;
  channel: ChannelModule;
  http: HttpServer;
  httpPort: number;
  fetchers: FileFetchers;
  /** The Callback API endpoint the fake posts to (callback mode only). */
  callbackUrl?: string;
  /** Present with `relay: true`. */
  staff?: VkStaffSide;
}

export interface VkHarnessOptions {
  /** An advisor, or "default": the shipped FAQ loaded into the test database. */
  faq?: NonNullable<Parameters<typeof createTestCore>[0]>["faq"];
  clock?: Clock;
  config?: Partial<TestConfig>;
  callback?: { secret: string; confirmation: string };
  fakeOptions?: FakeVkOptions;
  /** Extra fetchers (e.g. a stand-in for the staff relay's). */
  fetchers?: FileFetchers;
  client?: VkClientOverrides;
  /** Also run the staff relay (Telegraf) against a fake Bot API. */
  relay?: boolean;
}

/**
 * The real vk-io community bot on the real core (own PostgreSQL database, own Redis
 * prefix) against the fake VK API over HTTP, with the outbox workers running. Bots Long
 * Poll by default; `callback` switches the fake and the bot to the Callback API; `relay`
 * adds the real staff relay bot in a staff forum on the fake Bot API.
 */
export async function startVkHarness(options: VkHarnessOptions = {}): Promise<VkHarness> {
  const fake = await startFakeVk({ maxLongPollWaitMs: 5_000, ...options.fakeOptions });
  const staffSetup = options.relay ? await setUpStaffGroup() : undefined;
  const base = await createTestCore({
    faq: options.faq,
    clock: options.clock,
    config: staffSetup ? { ...options.config, relay: staffSetup.config } : options.config,
    staffGuards: staffSetup ? staffGuards() : undefined,
  });
  const http = createHttpServer(silentLogger());
  const httpPort = await http.listen(0);
  const fetchers: FileFetchers = { ...options.fetchers };
  const vk: NonNullable<Config["vk"]> = {
    token: fake.token,
    groupId: fake.groupId,
    apiBaseUrl: fake.apiBaseUrl,
    callback: options.callback,
  };
  const channel = createVkChannel({
    core: base.core,
    config: vk,
    logger: silentLogger(),
    fetchers,
    route: http.route.bind(http),
    // vk-io's own retries off: a failure the fake injects reaches the outbox, whose retries
    // are what production relies on and what the tests check. Its rate limit (apiLimit 20
    // a second, the community token's) stays as in production.
    client: { apiRetryLimit: 0, ...options.client },
  });
  const relay = staffSetup
    ? createRelayChannel({
        core: base.core,
        config: staffSetup.config,
        responseMinutes: 1440,
        logger: silentLogger(),
        fetchers,
        botInfo: staffSetup.botInfo,
        // The group's budget (20 posts) per 5 s instead of per minute: VK tests post more
        // than 20 a minute to one group; the budget itself has its own tests
        // (relay-rate-limit.test.ts, relay-fair-budget.test.ts).
        groupWindowMs: 5_000,
      })
    : undefined;
  Object.assign(fetchers, channel.fileFetchers, relay?.fileFetchers);
  const delivery = await startDelivery(base.core, { ...channel.senders, ...relay?.senders });
  await channel.startReceiving();
  await relay?.startReceiving();
  const callbackUrl = options.callback
    ? `http://127.0.0.1:${httpPort}${VK_CALLBACK_PATH}`
    : undefined;
  if (callbackUrl && options.callback)
    fake.useCallbackApi({ url: callbackUrl, secret: options.callback.secret });
  const staff = staffSetup && relay ? staffSide(base, staffSetup, relay) : undefined;
  return {
    ...base,
    fake,
    channel,
    http,
    httpPort,
    fetchers,
    callbackUrl,
    staff,
    async close() {
      await relay?.stop();
      await channel.stop();
      await delivery.close();
      await http.close();
      await fake.close();
      await staffSetup?.telegram.close();
      await base.close();
    },
  };
}

async function setUpStaffGroup() {
  const telegram = await startFakeTelegram();
  const botInfo = telegram.addBot({
    token: RELAY_BOT_TOKEN,
    username: "navigator_staff_bot",
    first_name: "Навигатор · сотрудники",
  });
  const agent = telegram.createUser({ first_name: "Ирина", last_name: "Петрова" });
  const group = telegram.createGroup({
    title: "Поддержка Навигатора",
    isForum: true,
    members: [RELAY_BOT_TOKEN, { account: agent, status: "member" }],
  });
  const config: NonNullable<Config["relay"]> = {
    token: RELAY_BOT_TOKEN,
    apiRoot: telegram.apiRoot,
    chatId: String(group.id),
    showAgentName: false,
    groupMessagesPerMinute: 20,
  };
  return { telegram, botInfo, agent, group, config };
}

function staffSide(
  base: TestCore,
  setup: Awaited<ReturnType<typeof setUpStaffGroup>>,
  relay: ChannelModule,
): VkStaffSide {
  const { telegram, group, agent } = setup;
  return {
    telegram,
    group,
    agent,
    relay,
    ticketOf: (vkUserId, timeoutMs = 10_000) =>
      telegram.waitFor(
        async () => {
          const ticket = await base.testDb.db.ticket.findFirst({
            where: { contact: { channel: "vk", externalId: String(vkUserId) } },
            orderBy: { id: "desc" },
          });
          return ticket?.relayCardMessageId && ticket.relayThreadId
            ? { ticket, threadId: ticket.relayThreadId }
            : undefined;
        },
        timeoutMs,
        `a topic and card for VK parent ${vkUserId}`,
      ),
    posts: (threadId) =>
      telegram.sentMessages({ token: RELAY_BOT_TOKEN, chatId: group.id, threadId }),
  };
}
