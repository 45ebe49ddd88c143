import type { Update, WebhookInfo } from "grammy/types";
import { z } from "zod";
import { badRequest, conflict } from "../api-error.js";
import type { BotAccount } from "../bots.js";
import type { MethodContext, MethodHandler } from "../env.js";
import { bool, int, json, parseParams, str } from "../params.js";
import { Described } from "./described.js";

const updateTypes = json(z.array(z.string())).optional();

const CONFLICT_POLL =
  "terminated by other getUpdates request; make sure that only one bot instance is running";
const CONFLICT_WEBHOOK = "terminated by setWebhook request";

/**
 * getUpdates with real long-poll semantics: confirms updates below `offset`, answers at
 * once when updates are pending, otherwise waits up to `timeout` seconds for one. A newer
 * long poll of the same bot ends the older one with 409, as on Telegram.
 */
async function getUpdates(ctx: MethodContext): Promise<Update[]> {
  const { bot } = ctx;
  if (bot.webhook) {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const schema = z.object({
    offset: int().default(0),
    limit: int().default(100),
    timeout: int().default(0),
    allowed_updates: updateTypes,
  });
  const params = parseParams(schema, ctx.params);
  const limit = Math.min(Math.max(params.limit, 1), 100);
  if (params.allowed_updates !== undefined) bot.allowedUpdates = params.allowed_updates;
  if (params.offset < 0) bot.queue.keepLast(-params.offset);
  else if (params.offset > 0) bot.queue.confirmBelow(params.offset);
  const from = Math.max(params.offset, 0);
  const ready = bot.queue.take(from, limit);
  if (ready.length > 0 || params.timeout <= 0) return ready;
  bot.activePoll?.("getUpdates");
  await waitForUpdates(ctx, params.timeout * 1000);
  return bot.queue.take(from, limit);
}

/** Resolves when an update arrives, the timeout passes, the client leaves or the fake closes. */
function waitForUpdates(ctx: MethodContext, timeoutMs: number): Promise<void> {
  const { bot, signal, env } = ctx;
  return new Promise((resolve, reject) => {
    let done = false;
    const cleanups: Array<() => void> = [];
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      for (const cleanup of cleanups) cleanup();
      if (bot.activePoll === terminate) delete bot.activePoll;
      if (error) reject(error);
      else resolve();
    };
    const terminate = (reason: "getUpdates" | "setWebhook") =>
      finish(conflict(reason === "setWebhook" ? CONFLICT_WEBHOOK : CONFLICT_POLL));
    bot.activePoll = terminate;
    cleanups.push(bot.queue.onChange(() => finish()));
    const timer = setTimeout(() => finish(), timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    for (const s of [signal, env.closing]) {
      const onAbort = () => finish();
      s.addEventListener("abort", onAbort, { once: true });
      cleanups.push(() => s.removeEventListener("abort", onAbort));
    }
    if (signal.aborted || env.closing.aborted) finish();
  });
}

/** secret_token: 1–256 characters of A-Z a-z 0-9 _ - */
function checkSecret(secret: string | undefined): void {
  if (secret === undefined || secret === "") return;
  if (secret.length > 256) throw badRequest("secret token is too long");
  if (!/^[A-Za-z0-9_-]+$/.test(secret))
    throw badRequest("secret token contains unallowed characters");
}

function removeWebhook(bot: BotAccount, drop: boolean | undefined): Described {
  const had = bot.webhook !== undefined;
  delete bot.webhook;
  if (drop) bot.queue.clear();
  return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
}

function setWebhook(ctx: MethodContext): Described {
  const schema = z.object({
    url: str().default(""),
    secret_token: str().optional(),
    max_connections: int().default(40),
    drop_pending_updates: bool().optional(),
    allowed_updates: updateTypes,
  });
  const params = parseParams(schema, ctx.params);
  const { bot } = ctx;
  if (params.url === "") return removeWebhook(bot, params.drop_pending_updates);
  if (!/^https?:\/\/[^\s/]+/i.test(params.url)) throw badRequest("invalid webhook URL specified");
  checkSecret(params.secret_token);
  bot.activePoll?.("setWebhook");
  const webhook = {
    url: params.url,
    maxConnections: Math.min(Math.max(params.max_connections, 1), 100),
    setAt: ctx.env.clock(),
    ...(params.secret_token ? { secretToken: params.secret_token } : {}),
  };
  const unchanged =
    JSON.stringify({ ...bot.webhook, setAt: 0 }) === JSON.stringify({ ...webhook, setAt: 0 });
  bot.webhook = webhook;
  if (params.allowed_updates !== undefined) bot.allowedUpdates = params.allowed_updates;
  if (params.drop_pending_updates) bot.queue.clear();
  ctx.env.startWebhook(bot);
  return new Described(true, unchanged ? "Webhook is already set" : "Webhook was set");
}

function deleteWebhook(ctx: MethodContext): Described {
  const params = parseParams(z.object({ drop_pending_updates: bool().optional() }), ctx.params);
  return removeWebhook(ctx.bot, params.drop_pending_updates);
}

function getWebhookInfo(ctx: MethodContext): WebhookInfo {
  const { bot } = ctx;
  const info: WebhookInfo = {
    url: bot.webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: bot.queue.size,
  };
  if (bot.webhook) {
    info.max_connections = bot.webhook.maxConnections;
    info.ip_address = "127.0.0.1";
  }
  if (bot.webhookHealth.lastErrorDate !== undefined)
    info.last_error_date = bot.webhookHealth.lastErrorDate;
  if (bot.webhookHealth.lastErrorMessage !== undefined)
    info.last_error_message = bot.webhookHealth.lastErrorMessage;
  if (bot.allowedUpdates && bot.allowedUpdates.length > 0) {
    info.allowed_updates = bot.allowedUpdates.filter(isUpdateType);
  }
  return info;
}

type UpdateType = Exclude<keyof Update, "update_id">;

function isUpdateType(value: string): value is UpdateType {
  return value !== "update_id";
}

/** Getting updates: long polling and webhooks. */
export const updateMethods: Record<string, MethodHandler> = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
};
