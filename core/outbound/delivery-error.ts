/**
 * How a send failed, as the channel adapter classifies it. Core decides what follows:
 * wait and retry, give up and tell the agents, or stop writing to a blocked parent.
 */
export type DeliveryErrorCode =
  /** 429 / flood control: nothing was sent; retry after `retryAfterMs`. */
  | "RATE_LIMITED"
  /** 5xx or no connection: nothing was sent; retry with backoff. */
  | "TRANSIENT"
  /** The request may or may not have been executed (timeout, reset after sending). */
  | "AMBIGUOUS"
  /** The parent blocked the bot / forbade community messages. */
  | "RECIPIENT_BLOCKED"
  | "CHAT_NOT_FOUND"
  /** The staff topic is gone and could not be recreated. */
  | "TOPIC_GONE"
  /** The API refused the request itself (bad request): retrying cannot help. */
  | "REJECTED";

export class DeliveryError extends Error {
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DeliveryError";
  }
}

export const permanentCodes: ReadonlySet<DeliveryErrorCode> = new Set([
  "RECIPIENT_BLOCKED",
  "CHAT_NOT_FOUND",
  "TOPIC_GONE",
  "REJECTED",
]);
