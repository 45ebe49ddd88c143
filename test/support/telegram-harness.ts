import { createTelegramChannel } from "../../bots/telegram/index.js";
import { createHttpServer, type HttpServer } from "../../app/http-server.js";
import type { Config } from "../../core/config/index.js";
import type { FaqAdvisor } from "../../core/intake/index.js";
import { silentLogger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import { type ChannelModule, type CoreOptions, startDelivery } from "../../core/runtime/index.js";
import type { Clock } from "../../core/shared/index.js";
import { startFakeTelegram, type FakeTelegram, type Probe } from "./fake-telegram/index.js";
import { createTestCore, type TestConfig, type TestCore } from "./test-core.js";

export const PARENT_BOT_TOKEN = "7000001:parents-bot-token";

export interface TelegramHarness extends TestCore {
  fake: FakeTelegram;
  channel: ChannelModule;
  http: HttpServer;
  httpPort: number;
  fetchers: FileFetchers;
  /** The fake's waitFor with a timeout that tolerates a loaded machine (10 s by default). */
  waitFor<T>(probe: Probe<T>, timeoutMs?: number, description?: string): Promise<T>;
  stopDelivery(): Promise<void>;
  startDelivery(): Promise<void>;
  /** Waits for the deliveries started in this process so far (inline, not queued). */
  deliveriesSettled(): Promise<void>;
}

/**
 * The real grammY parents' bot on the real core (own PostgreSQL database, own Redis
 * prefix) against the fake Bot API over HTTP, with the outbox workers running.
 */
export async function startTelegramHarness(
  options: {
    faq?: FaqAdvisor | "default";
    clock?: Clock;
    config?: Partial<TestConfig>;
    /** Off only in a test that says why (the default is production's throttling and pacing). */
    throttle?: boolean;
    webhook?: { secret: string };
    fake?: FakeTelegram;
    inbox?: CoreOptions["inbox"];
  } = {},
): Promise<TelegramHarness> {
  const fake = options.fake ?? (await startFakeTelegram());
  fake.addBot({
    token: PARENT_BOT_TOKEN,
    username: "navigator_help_bot",
    first_name: "Навигатор · поддержка",
  });
  const base = await createTestCore({
    faq: options.faq,
    clock: options.clock,
    config: options.config,
    inbox: options.inbox,
  });
  const http = createHttpServer(silentLogger());
  const httpPort = await http.listen(0);
  const fetchers: FileFetchers = {};
  const telegram: NonNullable<Config["telegram"]> = {
    token: PARENT_BOT_TOKEN,
    apiRoot: fake.apiRoot,
    webhook: options.webhook
      ? { url: `http://127.0.0.1:${httpPort}/telegram/webhook`, secret: options.webhook.secret }
      : undefined,
    sendsPerSecond: 30,
  };
  const channel = createTelegramChannel({
    core: base.core,
    config: telegram,
    logger: silentLogger(),
    fetchers,
    route: http.route.bind(http),
    pollTimeoutSeconds: 1,
    // Production sends go through the throttler and per-chat pacing; so do the tests.
    throttle: options.throttle ?? true,
  });
  Object.assign(fetchers, channel.fileFetchers);
  let delivery = await startDelivery(base.core, channel.senders);
  await channel.startReceiving();
  return {
    ...base,
    fake,
    channel,
    http,
    httpPort,
    fetchers,
    waitFor: (probe, timeoutMs = 10_000, description) =>
      fake.waitFor(probe, timeoutMs, description),
    async stopDelivery() {
      await delivery.close();
    },
    async startDelivery() {
      delivery = await startDelivery(base.core, channel.senders);
    },
    deliveriesSettled: () => delivery.settled(),
    async close() {
      await channel.stop();
      await delivery.close();
      await http.close();
      await base.close();
      if (!options.fake) await fake.close();
    },
  };
}
