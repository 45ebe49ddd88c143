import type { Update } from "grammy/types";
import type { BotAccount, WebhookConfig } from "./bots.js";
import { unixTime, type FakeEnv } from "./env.js";
import { httpPost } from "./http-post.js";

/** Runs a method a bot returned in its webhook answer (`{"method": "...", ...}`). */
export type WebhookReplyRunner = (
  bot: BotAccount,
  payload: Record<string, unknown>,
) => Promise<void>;

type Outcome = { ok: true; reply?: Record<string, unknown> } | { ok: false; error: string };

/** Methods Telegram refuses to run from a webhook answer. */
const REFUSED_REPLIES = /^(get.*|setwebhook|deletewebhook|close|logout)$/i;

/** How often an idle delivery loop re-checks that its webhook is still set. */
const IDLE_CHECK_MS = 200;

/**
 * Delivers each bot's updates to its webhook, one at a time and in order. A non-2xx answer,
 * a refused connection or a timeout leaves the update pending and it is redelivered after a
 * growing delay, as Telegram does. Every failure is caught: a broken webhook never breaks
 * the test process.
 */
export class WebhookSender {
  private readonly running = new Set<BotAccount>();

  constructor(
    private readonly env: FakeEnv,
    private readonly runReply: WebhookReplyRunner,
  ) {}

  /** Starts the delivery loop of a bot unless it already runs. */
  start(bot: BotAccount): void {
    if (this.running.has(bot)) return;
    this.running.add(bot);
    void this.loop(bot)
      .catch(() => undefined)
      .finally(() => this.running.delete(bot));
  }

  /** Resolves once every loop has stopped (after the fake started closing). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await sleep(10);
  }

  private async loop(bot: BotAccount): Promise<void> {
    const base = this.env.settings.webhookRetryDelayMs;
    let delay = base;
    while (!this.env.closing.aborted && bot.webhook) {
      const update = bot.queue.take(0, 1)[0];
      if (!update) {
        await this.idle(bot);
        continue;
      }
      const outcome = await this.deliver(bot, bot.webhook, update);
      if (outcome.ok) {
        bot.queue.confirmBelow(update.update_id + 1);
        delay = base;
        if (outcome.reply) await this.runReply(bot, outcome.reply).catch(() => undefined);
        continue;
      }
      bot.webhookHealth = { lastErrorDate: unixTime(this.env), lastErrorMessage: outcome.error };
      await sleep(delay, this.env.closing);
      delay = Math.min(delay * 2, base * 8);
    }
  }

  private idle(bot: BotAccount): Promise<void> {
    const closing = this.env.closing;
    return new Promise((resolve) => {
      const stop = bot.queue.onChange(done);
      const timer = setTimeout(done, IDLE_CHECK_MS);
      closing.addEventListener("abort", done, { once: true });
      function done() {
        stop();
        clearTimeout(timer);
        closing.removeEventListener("abort", done);
        resolve();
      }
    });
  }

  private async deliver(bot: BotAccount, webhook: WebhookConfig, update: Update): Promise<Outcome> {
    const started = Date.now();
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (webhook.secretToken) headers["x-telegram-bot-api-secret-token"] = webhook.secretToken;
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.env.settings.webhookTimeoutMs),
      this.env.closing,
    ]);
    const record = {
      token: bot.token,
      updateId: update.update_id,
      url: webhook.url,
      at: this.env.clock(),
    };
    try {
      const answer = await httpPost(webhook.url, headers, JSON.stringify(update), signal);
      this.env.webhookDeliveries.push({
        ...record,
        status: answer.status,
        durationMs: Date.now() - started,
      });
      if (answer.status < 200 || answer.status > 299) {
        return {
          ok: false,
          error: `Wrong response from the webhook: ${answer.status} ${answer.statusText}`,
        };
      }
      const reply = parseReply(answer.contentType, answer.body);
      return reply ? { ok: true, reply } : { ok: true };
    } catch (error) {
      const message = describeFailure(error, signal);
      this.env.webhookDeliveries.push({
        ...record,
        error: message,
        durationMs: Date.now() - started,
      });
      return { ok: false, error: message };
    }
  }
}

function parseReply(contentType: string, body: string): Record<string, unknown> | undefined {
  if (!contentType.includes("application/json") || body.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const payload: Record<string, unknown> = { ...value };
    const method = payload.method;
    return typeof method === "string" && !REFUSED_REPLIES.test(method) ? payload : undefined;
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "Read timeout expired";
  const code =
    typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ECONNREFUSED") return "Connection refused";
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
