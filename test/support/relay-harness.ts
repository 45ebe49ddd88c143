import type { Message } from "grammy/types";
import { createHttpServer, type HttpServer } from "../../app/http-server.js";
import { createRelayChannel } from "../../bots/relay/index.js";
import { createTelegramChannel } from "../../bots/telegram/index.js";
import type { Config, Line } from "../../core/config/index.js";
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
  type RateLimitSettings,
  startFakeTelegram,
} from "./fake-telegram/index.js";
import { PARENT_BOT_TOKEN } from "./telegram-harness.js";
import { createTestCore, type TestConfig, type TestCore } from "./test-core.js";

export { PARENT_BOT_TOKEN };
export const RELAY_BOT_TOKEN = "7000002:relay-bot-token";

export interface RelayHarness extends TestCore {
  fake: FakeTelegram;
  /** The staff supergroup (a forum unless `forum: false`). */
  staff: GroupHandle;
  /** An agent who is a member of the staff group. */
  agent: FakeUser;
  /** The supervisors' chat, when `supervisorChat` was asked for. */
  supervisorChat?: GroupHandle;
  parents: ChannelModule;
  relay: ChannelModule;
  fetchers: FileFetchers;
  /** Waits until the parent's newest ticket has its place (topic and card) in the group. */
  ticketOf(parent: FakeUser, timeoutMs?: number): Promise<StaffTicket>;
  /** Texts the parents' bot sent to a parent. */
  parentTexts(parent: FakeUser): string[];
  /** What the relay bot posted in a topic (or, without topics, anywhere in the group). */
  relayPosts(threadId?: number, chatId?: number): Message[];
  /** The lines' own staff groups (`lineGroups`), the agent a member of each. */
  lineGroups: Partial<Record<Line, GroupHandle>>;
  /** Resolves when the deliveries this process started inline (both bots) have finished. */
  deliveriesSettled(): Promise<void>;
}

export interface StaffTicket {
  ticket: Ticket;
  threadId: number;
  cardMessageId: number;
}

export interface RelayHarnessOptions {
  /** Topics on (default) or a plain supergroup where tickets thread by replies. */
  forum?: boolean;
  /** The relay's per-group limit (default 1000 per 60 s, i.e. out of the way). */
  groupLimit?: { max: number; windowMs: number };
  /** Flood limits the fake enforces (off by default). */
  fakeRateLimits?: RateLimitSettings;
  showAgentName?: boolean;
  /** A separate chat for SLA escalations. */
  supervisorChat?: boolean;
  config?: Partial<TestConfig>;
  /** CONSOLE_PUBLIC_URL for /console sign-in links (off when absent). */
  consoleUrl?: string;
  /** The FAQ the parents' bot answers from (none by default). */
  faq?: "default";
  /** Lines with a staff group of their own (RELAY_CHAT_ID_<LINE>); forum groups. */
  lineGroups?: Line[];
  /** The core's clock (default: the system clock). */
  clock?: Clock;
  /** The parents' bot throttler and per-chat pacing (on, as in production, unless a test says why). */
  throttle?: boolean;
}

/**
 * Both Telegram bots on one fake Bot API and one core: the parents' grammY bot and the
 * staff relay (Telegraf) in a staff supergroup with an agent, the outbox workers
 * delivering both, each on its own database and Redis prefix.
 */
export async function startRelayHarness(options: RelayHarnessOptions = {}): Promise<RelayHarness> {
  const fake = await startFakeTelegram({ rateLimits: options.fakeRateLimits });
  fake.addBot({
    token: PARENT_BOT_TOKEN,
    username: "navigator_help_bot",
    first_name: "Навигатор · поддержка",
  });
  const relayBot = fake.addBot({
    token: RELAY_BOT_TOKEN,
    username: "navigator_staff_bot",
    first_name: "Навигатор · сотрудники",
  });
  const agent = fake.createUser({ first_name: "Ирина", last_name: "Петрова" });
  const staff = fake.createGroup({
    title: "Поддержка Навигатора",
    isForum: options.forum ?? true,
    members: [RELAY_BOT_TOKEN, { account: agent, status: "member" }],
  });
  const lineGroups: Partial<Record<Line, GroupHandle>> = {};
  for (const line of options.lineGroups ?? [])
    lineGroups[line] = fake.createGroup({
      title: `Поддержка · ${line}`,
      isForum: true,
      members: [RELAY_BOT_TOKEN, { account: agent, status: "member" }],
    });
  const supervisorChat = options.supervisorChat
    ? fake.createGroup({ title: "Руководители", members: [RELAY_BOT_TOKEN] })
    : undefined;
  // Functional tests post far more than 20 messages a minute; the limit has its own tests
  // (relay-rate-limit.test.ts, relay-fair-budget.test.ts). The parents' bot keeps
  // production's throttler and per-chat pacing (`throttle` below).
  const limit = options.groupLimit ?? { max: 1000, windowMs: 60_000 };
  const relayConfig: NonNullable<Config["relay"]> = {
    token: RELAY_BOT_TOKEN,
    apiRoot: fake.apiRoot,
    chatId: String(staff.id),
    supervisorChatId: supervisorChat ? String(supervisorChat.id) : undefined,
    showAgentName: options.showAgentName ?? false,
    groupMessagesPerMinute: limit.max,
    lines: Object.fromEntries(
      Object.entries(lineGroups).map(([line, group]) => [line, String(group.id)]),
    ),
  };
  const base = await createTestCore({
    config: { ...options.config, relay: relayConfig },
    staffGuards: staffGuards(),
    faq: options.faq,
    clock: options.clock,
  });
  const http: HttpServer = createHttpServer(silentLogger());
  await http.listen(0);
  const fetchers: FileFetchers = {};
  const parents = createTelegramChannel({
    core: base.core,
    config: { token: PARENT_BOT_TOKEN, apiRoot: fake.apiRoot, sendsPerSecond: 30 },
    logger: silentLogger(),
    fetchers,
    route: http.route.bind(http),
    pollTimeoutSeconds: 1,
    throttle: options.throttle ?? true,
  });
  const relay = createRelayChannel({
    core: base.core,
    config: relayConfig,
    responseMinutes: options.config?.sla?.firstResponseMinutes ?? 1440,
    logger: silentLogger(),
    fetchers,
    botInfo: relayBot,
    groupWindowMs: limit.windowMs,
    consoleUrl: options.consoleUrl,
  });
  Object.assign(fetchers, parents.fileFetchers, relay.fileFetchers);
  const delivery = await startDelivery(base.core, { ...parents.senders, ...relay.senders });
  await parents.startReceiving();
  await relay.startReceiving();

  return {
    ...base,
    fake,
    staff,
    agent,
    supervisorChat,
    lineGroups,
    parents,
    relay,
    fetchers,
    deliveriesSettled: () => delivery.settled(),
    async ticketOf(parent, timeoutMs = 10_000) {
      return fake.waitFor(
        async () => {
          const ticket = await base.testDb.db.ticket.findFirst({
            where: { contact: { externalId: String(parent.id) } },
            orderBy: { id: "desc" },
          });
          if (!ticket?.relayCardMessageId) return undefined;
          if ((options.forum ?? true) && !ticket.relayThreadId) return undefined;
          return {
            ticket,
            threadId: ticket.relayThreadId ?? 0,
            cardMessageId: ticket.relayCardMessageId,
          };
        },
        timeoutMs,
        `a topic and card for parent ${parent.id}`,
      );
    },
    parentTexts(parent) {
      return fake.sentTexts({ token: PARENT_BOT_TOKEN, chatId: parent.id });
    },
    relayPosts(threadId, chatId = staff.id) {
      return fake.sentMessages({
        token: RELAY_BOT_TOKEN,
        chatId,
        ...(threadId === undefined ? {} : { threadId }),
      });
    },
    async close() {
      await relay.stop();
      await parents.stop();
      await delivery.close();
      await http.close();
      await base.close();
      await fake.close();
    },
  };
}
