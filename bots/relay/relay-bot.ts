import { type Context, Telegraf } from "telegraf";
import type { UserFromGetMe } from "telegraf/types";
import type { Metrics } from "../../core/observability/index.js";
import { botApiAgent } from "../bot-api/index.js";
import { relayButtons } from "./relay-buttons.js";
import { incidentCommands } from "./incident-commands.js";
import { relayCommands } from "./relay-commands.js";
import { relayMessages } from "./relay-messages.js";
import { createSequencer } from "./sequentialize.js";
import { type RelayHandlerDeps, topicKey } from "./staff-update.js";

export interface RelayBotOptions {
  token: string;
  apiRoot: string;
  botInfo?: UserFromGetMe;
  metrics: Metrics;
}

/**
 * The staff relay bot: an error boundary first (a failed update is logged and counted,
 * then handed back to the inbox, which tries a passing failure again), then only the
 * staff group and only its members, one update at a time per topic, then commands,
 * buttons and messages.
 */
export function createRelayBot(h: RelayHandlerDeps, options: RelayBotOptions): Telegraf {
  const bot = new Telegraf(options.token, {
    telegram: { apiRoot: options.apiRoot, agent: botApiAgent(options.apiRoot) },
  });
  if (options.botInfo) bot.botInfo = options.botInfo;
  bot.catch((error, ctx) => {
    options.metrics.handlerErrors.inc({ component: "relay" });
    h.logger.error({ updateId: ctx.update.update_id, err: error }, "relay bot failed on an update");
    throw error;
  });

  bot.use(staffOnly(h));
  const inOrder = createSequencer();
  bot.use((ctx, next) => {
    const message = ctx.callbackQuery?.message ?? ctx.message ?? ctx.editedMessage;
    return inOrder(topicKey(message), next);
  });
  if (h.incidentBoard) bot.use(incidentCommands(h, h.incidentBoard));
  bot.use(relayCommands(h), relayButtons(h), relayMessages(h));

  return bot;
}

/** Updates from the staff group, by its members; anything else is ignored (and logged). */
function staffOnly(h: RelayHandlerDeps) {
  return async (ctx: Context, next: () => Promise<void>) => {
    const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
    const from = ctx.from;
    const groups = h.chatIds ?? new Set([h.chatId]);
    if (!chat || !groups.has(String(chat.id))) {
      h.logger.debug({ chatId: chat?.id, updateId: ctx.update.update_id }, "not the staff group");
      return;
    }
    if (!from || from.is_bot) return;
    if (!(await h.directory.isStaff(from.id, String(chat.id)))) {
      h.logger.warn(
        { userId: from.id, updateId: ctx.update.update_id },
        "ignored an update from someone who may not act in the staff group",
      );
      // A tapped button says why nothing happens instead of spinning.
      if (ctx.callbackQuery)
        await ctx
          .answerCbQuery(h.deps.i18n.t("ru", "relay-toast-not-staff"), { show_alert: true })
          .catch(() => undefined);
      return;
    }
    await next();
  };
}
