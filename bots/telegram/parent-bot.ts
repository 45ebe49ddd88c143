import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type NextFunction } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Core } from "../../core/runtime/index.js";
import { isCoreError } from "../../core/shared/index.js";
import { botApiAgent, botApiFetch } from "../bot-api/index.js";
import { parentHandlers } from "./parent-handlers.js";
import { screenUpdate } from "./to-inbound.js";

export interface ParentBotOptions {
  token: string;
  apiRoot: string;
  /** Known bot identity: the bot starts without a getMe call (tests, faster restarts). */
  botInfo?: UserFromGetMe;
}

/**
 * The parents' Telegram bot: junk dropped first, then updates of one chat handled one
 * after another by the handlers that turn them into core calls. A failed update throws
 * out of `handleUpdate` to the inbox (which retries a passing failure and gives up on a bug; a webhook
 * answers non-2xx so Telegram delivers it again), so no catch-all boundary lives here.
 */
export function createParentBot(core: Core, options: ParentBotOptions): Bot {
  const bot = new Bot(options.token, {
    client: {
      apiRoot: options.apiRoot,
      // One http.request per call on a keep-alive agent (see botApiFetch): half node-fetch's CPU.
      fetch: botApiFetch(botApiAgent(options.apiRoot)),
    },
    botInfo: options.botInfo,
  });
  bot.use(dropJunk(core));
  bot.use(dropRefusedInput(core));
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(parentHandlers(core, () => bot.botInfo.id));
  return bot;
}

/**
 * Updates the handlers could only trip over (see screenUpdate) end here, before the chat
 * lock: logged, counted and confirmed like any handled update, since a retry or a
 * redelivery would look the same.
 */
function dropJunk(core: Core) {
  return async (ctx: Context, next: NextFunction) => {
    const dropped = screenUpdate(ctx.update);
    if (!dropped) return next();
    core.metrics.inbound.inc({ channel: "telegram", outcome: `update_${dropped.drop}` });
    const details = { updateId: ctx.update.update_id, reason: dropped.reason };
    if (dropped.drop === "malformed")
      core.logger.warn(details, "parents' bot dropped a malformed update");
    else core.logger.debug(details, "parents' bot ignored an update");
  };
}

/**
 * Core refuses content it can never take (INVALID_INPUT: an overlong button payload, a
 * file without an id). Trying again would fail the same way, and over a webhook a failure
 * would make Telegram send the update again and again, so it counts as handled.
 */
function dropRefusedInput(core: Core) {
  return async (ctx: Context, next: NextFunction) => {
    try {
      await next();
    } catch (error) {
      if (!isCoreError(error, "INVALID_INPUT")) throw error;
      core.metrics.inbound.inc({ channel: "telegram", outcome: "input_refused" });
      core.logger.warn(
        { updateId: ctx.update.update_id, err: error },
        "core refused an update's content; it is dropped",
      );
      // Otherwise the tapped button's spinner turns until the app gives up on it.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    }
  };
}
