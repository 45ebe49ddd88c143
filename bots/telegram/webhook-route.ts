import { timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Update } from "grammy/types";
import type { Logger, Metrics } from "../../core/observability/index.js";

export type WebhookHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
) => Promise<void>;

export interface WebhookRouteOptions {
  /** Stores the update in the inbox (one statement); any process handles it from there. */
  store(update: Update): Promise<void>;
  secret: string;
  logger: Logger;
  metrics: Metrics;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** An update is a few kilobytes; a message of 4,096 characters with entities stays far below. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * Whether the headers carry the webhook's secret token (compared in constant time). The
 * HTTP edge asks it before reading the body, so a stranger's body is never read.
 */
export function webhookSecretCheck(secret: string): (headers: http.IncomingHttpHeaders) => boolean {
  const expected = Buffer.from(secret);
  return (headers) => {
    const header = headers["x-telegram-bot-api-secret-token"];
    const given = Buffer.from(typeof header === "string" ? header : "");
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

/**
 * Telegram's webhook POSTs, handled by hand rather than by grammY's webhookCallback:
 * that one parses the body inside its adapter (broken JSON answered 500, so it looked
 * like our failure and was sent again) and runs the handlers before answering. Here the
 * secret is checked first (401), a body that is not an update gets a 400 with a short
 * reason, and an update is stored in the inbox, then answered 200 (the handlers run from
 * the inbox, in any process); when storing fails Telegram gets a 500 and sends it again.
 */
export function telegramWebhookRoute(options: WebhookRouteOptions): WebhookHandler {
  const { logger } = options;
  const secretMatches = webhookSecretCheck(options.secret);

  return async (req, res, body) => {
    // The edge has checked it already; checked again so the handler is safe on its own.
    if (!secretMatches(req.headers)) {
      logger.warn({ ip: req.socket.remoteAddress }, "Telegram webhook request with a wrong secret");
      return answer(res, 401, "secret token is wrong");
    }
    const read = readUpdate(body);
    if ("refused" in read) {
      logger.warn(
        { reason: read.refused, bytes: body.length },
        "Telegram webhook request is not an update",
      );
      return answer(res, 400, read.refused);
    }
    try {
      await options.store(read.update);
    } catch (error) {
      options.metrics.handlerErrors.inc({ component: "telegram" });
      logger.error(
        { updateId: read.update.update_id, err: error },
        "update not stored; Telegram will send it again",
      );
      return answer(res, 500, "update not stored");
    }
    answer(res, 200, "");
  };
}

/** The update in a webhook body, or why the body is not one. */
export function readUpdate(body: Buffer): { update: Update } | { refused: string } {
  if (body.length === 0) return { refused: "empty body" };
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { refused: "body is not UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { refused: "body is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { refused: "body is not a JSON object" };
  const id = (value as { update_id?: unknown }).update_id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0)
    return { refused: "update_id is missing or not an integer" };
  return { update: value as Update };
}

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
