import type http from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { BotError, GrammyError } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Config } from "../../core/config/index.js";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import {
  type ChannelModule,
  type Core,
  type LeasedPolling,
  startLeasedPolling,
} from "../../core/runtime/index.js";
import { telegramIncoming, telegramPollFetcher } from "../bot-api/index.js";
import { telegramFileFetcher } from "./file-fetcher.js";
import { createParentBot } from "./parent-bot.js";
import { sendLimiter, telegramSendLimits } from "./send-limiter.js";
import { createTelegramSender } from "./telegram-sender.js";
import { telegramWebhookRoute, WEBHOOK_BODY_LIMIT, webhookSecretCheck } from "./webhook-route.js";

export type WebhookRoute = (
  method: string,
  path: string,
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void>,
  /** Checked by the HTTP edge before the body is read (see app/http-server.ts). */
  edge?: { bodyLimit?: number; authorize?: (headers: http.IncomingHttpHeaders) => boolean },
) => void;

export interface TelegramChannelOptions {
  core: Core;
  config: NonNullable<Config["telegram"]>;
  logger: Logger;
  /** The shared registry of file fetchers (the relay's is used for agent media). */
  fetchers: FileFetchers;
  route: WebhookRoute;
  botInfo?: UserFromGetMe;
  /** Long-poll timeout in seconds (30 in production, short in tests). */
  pollTimeoutSeconds?: number;
  /** Respect ~1 msg/s per chat and ~30 msg/s per bot in this process (on unless a test turns it off). */
  throttle?: boolean;
}

const allowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/**
 * The Telegram channel: 429 and 5xx are retried by auto-retry (never network errors on
 * sends: they may have been delivered), sends are throttled, updates come by long polling
 * (default; one process per bot polls, see startLeasedPolling) or by webhook with the
 * secret token checked. Either way an update is stored in the inbox first and handled
 * from there, by whichever process takes its row.
 */
export function createTelegramChannel(options: TelegramChannelOptions): ChannelModule {
  const { core, config, logger } = options;
  const bot = createParentBot(core, {
    token: config.token,
    apiRoot: config.apiRoot,
    botInfo: options.botInfo,
  });
  const throttled = options.throttle ?? true;
  if (throttled)
    bot.api.config.use(sendLimiter({ ...telegramSendLimits, perSecond: config.sendsPerSecond }));
  const retrying = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 30, rethrowHttpErrors: true });
  // Not getUpdates: auto-retry waits 3 s after a 5xx (then 6, 12…) and every parent waits
  // with it; the poll loop tries again after 250 ms (doubling) and logs the failure.
  bot.api.config.use((prev, method, payload, signal) =>
    method === "getUpdates"
      ? prev(method, payload, signal)
      : retrying(prev, method, payload, signal),
  );
  let polling: LeasedPolling | undefined;
  const source = "telegram";
  core.inbox.handle(source, {
    async run(payload) {
      try {
        await bot.handleUpdate(payload as Update);
      } catch (error) {
        throw error instanceof BotError ? error.error : error;
      }
    },
    onFailed(row, error, willRetry) {
      core.metrics.handlerErrors.inc({ component: "telegram" });
      logger.error(
        { updateId: (row.payload as Update).update_id, err: error, willRetry },
        willRetry
          ? "parents' bot failed on an update for a passing reason; trying again"
          : "parents' bot failed on an update; it is not tried again",
      );
    },
  });
  let initialised: Promise<void> | undefined;
  const init = () => (initialised ??= bot.init());

  return {
    name: "telegram",
    senders: {
      telegram: createTelegramSender(bot.api, options.fetchers, {
        chatIntervalMs: throttled ? 1000 : 0,
      }),
    },
    fileFetchers: { telegram: telegramFileFetcher(bot.api, config.apiRoot, config.token) },
    isReceiving: () => polling?.isRunning() ?? true,
    async startProcessing() {
      await init();
      await core.inbox.start();
    },
    async startReceiving() {
      await init();
      await core.inbox.start();
      if (config.webhook) {
        const path = new URL(config.webhook.url).pathname || "/";
        options.route(
          "POST",
          path,
          telegramWebhookRoute({
            store: async (update) => {
              await core.inbox.store(source, [telegramIncoming(source, bot.botInfo.id, update)]);
            },
            secret: config.webhook.secret,
            logger,
            metrics: core.metrics,
          }),
          { authorize: webhookSecretCheck(config.webhook.secret), bodyLimit: WEBHOOK_BODY_LIMIT },
        );
        await bot.api.setWebhook(config.webhook.url, {
          secret_token: config.webhook.secret,
          allowed_updates: allowedUpdates,
        });
        logger.info(
          { url: config.webhook.url },
          "parents' Telegram bot receives updates by webhook",
        );
        return;
      }
      await bot.api.deleteWebhook();
      polling = startLeasedPolling(core, {
        source,
        pollerKey: `telegram:${bot.botInfo.id}`,
        logger,
        fetcher: telegramPollFetcher({
          source,
          botId: bot.botInfo.id,
          timeoutSeconds: options.pollTimeoutSeconds ?? 30,
          allowedUpdates,
          // grammY types its signal with the abort-controller shim; Node's is the same at run time.
          getUpdates: (params, signal) =>
            bot.api.getUpdates(
              params as Parameters<typeof bot.api.getUpdates>[0],
              signal as Parameters<typeof bot.api.getUpdates>[1],
            ),
          isFatal: (error) => error instanceof GrammyError && error.error_code === 401,
        }),
        onPollFailed(error, retryInMs) {
          if (retryInMs === undefined)
            logger.fatal({ err: error }, "parents' bot stopped polling: the token was refused");
          else logger.warn({ err: error, retryInMs }, "getUpdates failed; polling again soon");
        },
      });
      logger.info({ username: bot.botInfo.username }, "parents' Telegram bot polls for updates");
    },
    async stop() {
      await polling?.stop();
      await core.inbox.stop();
    },
  };
}
