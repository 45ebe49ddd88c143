import type http from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../../core/config/index.js";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import type { ChannelModule, Core } from "../../core/runtime/index.js";
import { startConfirmedPolling, type PollingHandle } from "./confirmed-polling.js";
import { telegramFileFetcher } from "./file-fetcher.js";
import { createParentBot } from "./parent-bot.js";
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
 * (default) or by webhook with the secret token checked.
 */
export function createTelegramChannel(options: TelegramChannelOptions): ChannelModule {
  const { core, config, logger } = options;
  const bot = createParentBot(core, {
    token: config.token,
    apiRoot: config.apiRoot,
    botInfo: options.botInfo,
  });
  const throttled = options.throttle ?? true;
  if (throttled) {
    const perSecond = config.sendsPerSecond;
    bot.api.config.use(
      apiThrottler({
        global: {
          reservoir: perSecond,
          reservoirRefreshAmount: perSecond,
          reservoirRefreshInterval: 1000,
        },
      }),
    );
  }
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 30, rethrowHttpErrors: true }),
  );
  let polling: PollingHandle | undefined;

  return {
    name: "telegram",
    senders: {
      telegram: createTelegramSender(bot.api, options.fetchers, {
        chatIntervalMs: throttled ? 1000 : 0,
      }),
    },
    fileFetchers: { telegram: telegramFileFetcher(bot.api, config.apiRoot, config.token) },
    isReceiving: () => polling?.isRunning() ?? true,
    async startReceiving() {
      await bot.init();
      if (config.webhook) {
        const path = new URL(config.webhook.url).pathname || "/";
        options.route(
          "POST",
          path,
          telegramWebhookRoute({
            bot,
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
      polling = startConfirmedPolling(bot, {
        timeoutSeconds: options.pollTimeoutSeconds ?? 30,
        allowedUpdates,
        onUpdateFailed(update, error, willRetry) {
          core.metrics.handlerErrors.inc({ component: "telegram" });
          logger.error(
            { updateId: update.update_id, err: error, willRetry },
            willRetry
              ? "parents' bot failed on an update for a passing reason; trying again"
              : "parents' bot failed on an update; it is not tried again",
          );
        },
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
    },
  };
}
