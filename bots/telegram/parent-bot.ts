import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
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
 * The parents' Telegram bot: updates of one chat handled one after another, then the
 * handlers that turn updates into core calls. A failed update throws out of
 * `handleUpdate` to the receiver (confirmed polling retries or logs it; a webhook answers
 * non-2xx so Telegram delivers it again), so no error boundary lives here.
 */
export function createParentBot(core: Core, options: ParentBotOptions): Bot {
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
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(parentHandlers(core, () => bot.botInfo.id));
  return bot;
}
