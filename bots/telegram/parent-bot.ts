import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../../core/observability/index.js";
import type { Core } from "../../core/runtime/index.js";
import { botApiAgent } from "../bot-api/index.js";
import { parentHandlers } from "./parent-handlers.js";

export interface ParentBotOptions {
  token: string;
  apiRoot: string;
  /** Known bot identity: the bot starts without a getMe call (tests, faster restarts). */
  botInfo?: UserFromGetMe;
}

/**
 * The parents' Telegram bot: one error boundary first (a failed update is logged with its
 * id and never stops the bot), updates of one chat handled one after another, then the
 * handlers that turn updates into core calls.
 */
export function createParentBot(core: Core, options: ParentBotOptions, logger: Logger): Bot {
  const bot = new Bot(options.token, {
    client: {
      apiRoot: options.apiRoot,
      baseFetchConfig: {
        agent: botApiAgent(options.apiRoot),
        compress: options.apiRoot.startsWith("https:"),
      },
    },
    botInfo: options.botInfo,
  });
  bot.catch((error) => {
    core.metrics.handlerErrors.inc({ component: "telegram" });
    logger.error(
      { updateId: error.ctx.update.update_id, err: error.error },
      "parents' bot failed on an update",
    );
  });
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(parentHandlers(core, () => bot.botInfo.id));
  return bot;
}
