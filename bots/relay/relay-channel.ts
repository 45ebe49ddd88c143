import { Telegram, TelegramError } from "telegraf";
import type { Update, UserFromGetMe } from "telegraf/types";
import { type Config, type Line, lineChatId, lines } from "../../core/config/index.js";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import { createRateGate } from "../../core/queue/index.js";
import {
  type ChannelModule,
  type Core,
  type LeasedPolling,
  startLeasedPolling,
} from "../../core/runtime/index.js";
import { isTransientFailure } from "../../core/shared/index.js";
import { telegramPollFetcher } from "../bot-api/index.js";
import { relayFileFetcher } from "./file-fetcher.js";
import { createRelayBot } from "./relay-bot.js";
import { createRelayGroups } from "./relay-groups.js";
import { createRelayRuntime } from "./relay-runtime.js";
import { createRelaySender } from "./relay-sender.js";
import { maskPersonalDataInChats } from "./staff-chat-masking.js";
import { createStaffDirectory } from "./staff-directory.js";

export interface RelayChannelOptions {
  core: Core;
  config: NonNullable<Config["relay"]>;
  /** SLA_FIRST_RESPONSE_MINUTES, for the status light in topic names. */
  responseMinutes: number;
  logger: Logger;
  /** The shared registry: the parents' bots' fetchers download what parents sent. */
  fetchers: FileFetchers;
  botInfo?: UserFromGetMe;
  /** The window of the staff group's limit (default 60 s; tests use a few seconds). */
  groupWindowMs?: number;
  /** Long-poll timeout in seconds (30 in production, short in tests). */
  pollTimeoutSeconds?: number;
  /** CONSOLE_PUBLIC_URL, for the /console sign-in links. */
  consoleUrl?: string;
}

const isLine = (value: string): value is Line => (lines as readonly string[]).includes(value);

const allowedUpdates = ["message", "edited_message", "callback_query"] as const;

/**
 * The staff relay (Telegraf): receives agents' messages, commands and button presses by
 * long polling (one process per bot, stored in the inbox first; a failure that may pass
 * is tried again from there), delivers the relay's outbox into the staff group and lends
 * its file downloads to the parents' bots (agents' files).
 */
export function createRelayChannel(options: RelayChannelOptions): ChannelModule {
  const { core, config, logger } = options;
  if (!core.staff) {
    throw new Error(
      "The staff relay needs core's staff guards (etiquette check, personal-data masking): pass staffGuards to createCore.",
    );
  }
  const deps = core.staff;
  const groupIds = new Set([config.chatId, ...lines.map((line) => lineChatId(config, line))]);
  const directory = createStaffDirectory(
    new Telegram(config.token, { apiRoot: config.apiRoot }),
    config.chatId,
  );
  const bot = createRelayBot(
    {
      deps,
      chatId: config.chatId,
      chatIds: groupIds,
      directory,
      logger,
      consoleUrl: options.consoleUrl,
      incidentBoard: core.incidentBoard,
    },
    {
      token: config.token,
      apiRoot: config.apiRoot,
      botInfo: options.botInfo,
      metrics: core.metrics,
    },
  );
  maskPersonalDataInChats(bot.telegram, [...groupIds, config.supervisorChatId ?? ""]);
  const runtimes = [...groupIds].map((chatId) =>
    createRelayRuntime({
      telegram: bot.telegram,
      deps,
      chatId,
      supervisorChatId: config.supervisorChatId,
      responseMinutes: options.responseMinutes,
      fetchers: options.fetchers,
      logger,
      // A line's supervisors are those in its group; with one group, all of them.
      directory: groupIds.size > 1 ? directory : undefined,
      lineChat: (line) => (isLine(line) ? lineChatId(config, line) : config.chatId),
    }),
  );
  const [main, ...others] = runtimes;
  if (!main) throw new Error("The staff relay has no group: set RELAY_CHAT_ID.");
  const groups = createRelayGroups(main, others);
  let polling: LeasedPolling | undefined;
  const source = "relay";
  core.inbox.handle(source, {
    run: (payload) => bot.handleUpdate(payload as Update),
    // Telegram's own hiccups (5xx, 429, the network) pass too, not only the database's.
    retryable: (error) =>
      isTransientFailure(error) ||
      (error instanceof TelegramError && (error.code >= 500 || error.code === 429)),
    onFailed(row, error, willRetry) {
      logger.warn(
        { updateId: (row.payload as Update).update_id, err: error, willRetry },
        willRetry ? "relay update tried again soon" : "relay update given up",
      );
    },
  });
  const init = async () => {
    bot.botInfo ??= await bot.telegram.getMe();
  };

  return {
    name: "relay",
    senders: {
      relay: createRelaySender(groups, createRateGate(core.redis, core.queuePrefix), {
        max: config.groupMessagesPerMinute,
        windowMs: options.groupWindowMs ?? 60_000,
      }),
    },
    fileFetchers: { relay: relayFileFetcher(bot.telegram, config.apiRoot, config.token) },
    isReceiving: () => polling?.isRunning() ?? true,
    async startProcessing() {
      await init();
      await core.inbox.start();
    },
    async startReceiving() {
      await init();
      await core.inbox.start();
      const botId = bot.botInfo?.id ?? 0;
      await bot.telegram.deleteWebhook();
      polling = startLeasedPolling(core, {
        source,
        pollerKey: `relay:${botId}`,
        logger,
        fetcher: telegramPollFetcher({
          source,
          botId,
          timeoutSeconds: options.pollTimeoutSeconds ?? 30,
          allowedUpdates,
          getUpdates: (params, signal) =>
            bot.telegram.callApi("getUpdates", params as never, { signal: signal as never }),
          isFatal: (error) => error instanceof TelegramError && error.code === 401,
        }),
        onPollFailed(error, retryInMs) {
          if (retryInMs === undefined)
            logger.fatal({ err: error }, "staff relay stopped polling: the token was refused");
          else
            logger.warn({ err: error, retryInMs }, "relay getUpdates failed; polling again soon");
        },
      });
      logger.info({ chatIds: [...groupIds] }, "staff relay bot polls for updates");
    },
    async stop() {
      await polling?.stop();
      polling = undefined;
      await core.inbox.stop();
    },
  };
}
