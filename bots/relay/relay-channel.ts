import { Telegram } from "telegraf";
import type { UserFromGetMe } from "telegraf/types";
import { type Config, type Line, lineChatId, lines } from "../../core/config/index.js";
import type { Logger } from "../../core/observability/index.js";
import type { FileFetchers } from "../../core/outbound/index.js";
import { createRateGate } from "../../core/queue/index.js";
import type { ChannelModule, Core } from "../../core/runtime/index.js";
import { relayFileFetcher } from "./file-fetcher.js";
import { createRelayBot } from "./relay-bot.js";
import { createRelayGroups } from "./relay-groups.js";
import { createRelayRuntime } from "./relay-runtime.js";
import { createRelaySender } from "./relay-sender.js";
import { maskPersonalDataInChats } from "./staff-chat-masking.js";
import { createStaffDirectory } from "./staff-directory.js";
import { updateReplayTask } from "./update-replay.js";

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
  /** How often failed updates are replayed (default every minute). */
  replayEveryMs?: number;
  /** CONSOLE_PUBLIC_URL, for the /console sign-in links. */
  consoleUrl?: string;
}

const isLine = (value: string): value is Line => (lines as readonly string[]).includes(value);

const allowedUpdates = ["message", "edited_message", "callback_query"] as const;

/**
 * The staff relay (Telegraf): receives agents' messages, commands and button presses by
 * long polling, delivers the relay's outbox into the staff group, lends its file
 * downloads to the parents' bots (agents' files) and replays failed updates.
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
  const { bot, replay } = createRelayBot(
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
  let polling: Promise<void> | undefined;

  return {
    name: "relay",
    senders: {
      relay: createRelaySender(groups, createRateGate(core.redis, core.queuePrefix), {
        max: config.groupMessagesPerMinute,
        windowMs: options.groupWindowMs ?? 60_000,
      }),
    },
    fileFetchers: { relay: relayFileFetcher(bot.telegram, config.apiRoot, config.token) },
    tasks: [updateReplayTask(core.db, replay, logger, options.replayEveryMs)],
    async startReceiving() {
      await new Promise<void>((resolve, reject) => {
        polling = bot.launch({ allowedUpdates: [...allowedUpdates] }, () => resolve());
        polling.catch((error: unknown) => {
          logger.error({ err: error }, "staff relay polling stopped on an error");
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      });
      logger.info({ chatIds: [...groupIds] }, "staff relay bot polls for updates");
    },
    async stop() {
      if (!polling) return;
      try {
        bot.stop("service stopping");
      } catch {
        // Polling never started (launch failed): nothing to stop.
      }
      await polling.catch(() => undefined);
      polling = undefined;
    },
  };
}
