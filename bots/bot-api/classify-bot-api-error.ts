import { DeliveryError } from "../../core/outbound/index.js";

/** A Bot API failure in a framework-neutral shape (grammY and Telegraf both give these fields). */
export interface BotApiFailure {
  errorCode?: number;
  description?: string;
  retryAfterSeconds?: number;
  /** Set when the request failed on the network, not with an API answer. */
  networkCode?: string;
}

/** Network failures that happen before anything reaches Telegram: safe to send again. */
const notSentNetworkCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Maps a Bot API answer to what the outbox should do. 429 and 5xx were not executed
 * (retry), 403 means the user blocked the bot, a vanished topic is TOPIC_GONE, other 400s
 * are refusals a retry cannot fix; a timeout or reset may have been delivered already.
 */
export function classifyBotApiError(failure: BotApiFailure, cause?: unknown): DeliveryError {
  const description = failure.description ?? "";
  const text = description.toLowerCase();
  const code = failure.errorCode;
  if (failure.networkCode !== undefined || code === undefined) {
    return notSentNetworkCodes.has(failure.networkCode ?? "")
      ? new DeliveryError("TRANSIENT", `Bot API unreachable (${failure.networkCode})`, undefined, {
          cause,
        })
      : new DeliveryError(
          "AMBIGUOUS",
          `Bot API request outcome unknown (${failure.networkCode ?? "no answer"})`,
          undefined,
          { cause },
        );
  }
  if (code === 429)
    return new DeliveryError("RATE_LIMITED", description, (failure.retryAfterSeconds ?? 1) * 1000, {
      cause,
    });
  if (code >= 500) return new DeliveryError("TRANSIENT", description, undefined, { cause });
  if (code === 403)
    return new DeliveryError("RECIPIENT_BLOCKED", description, undefined, { cause });
  if (
    text.includes("message thread not found") ||
    text.includes("topic_deleted") ||
    text.includes("topic_closed")
  ) {
    return new DeliveryError("TOPIC_GONE", description, undefined, { cause });
  }
  if (text.includes("chat not found") || text.includes("user not found"))
    return new DeliveryError("CHAT_NOT_FOUND", description, undefined, { cause });
  return new DeliveryError("REJECTED", `${code}: ${description}`, undefined, { cause });
}

export function isTopicClosed(failure: BotApiFailure): boolean {
  return (failure.description ?? "").toUpperCase().includes("TOPIC_CLOSED");
}

export function isThreadGone(failure: BotApiFailure): boolean {
  const text = (failure.description ?? "").toLowerCase();
  return text.includes("message thread not found") || text.includes("topic_deleted");
}
