import { TelegramError } from "telegraf";
import { DeliveryError } from "../../core/outbound/index.js";
import { type BotApiFailure, classifyBotApiError } from "../bot-api/index.js";

/** A Telegraf failure in the framework-neutral shape bots/bot-api classifies. */
export function failureOf(error: unknown): BotApiFailure | undefined {
  if (error instanceof TelegramError) {
    return {
      errorCode: error.code,
      description: error.description,
      retryAfterSeconds: error.parameters?.retry_after,
    };
  }
  if (error instanceof Error && error.name === "FetchError") {
    const { code, type } = error as Error & { code?: string; type?: string };
    return { networkCode: code ?? type ?? "UNKNOWN" };
  }
  return undefined;
}

/** Whether the Bot API answered 400 with this text (e.g. "message is not modified"). */
export function isBadRequest(error: unknown, text: string): boolean {
  const failure = failureOf(error);
  return (
    failure?.errorCode === 400 &&
    (failure.description ?? "").toLowerCase().includes(text.toLowerCase())
  );
}

/**
 * What the outbox should do about a failure: Bot API answers are classified as for the
 * parents' bot; anything else (a database hiccup while rendering) is retried.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = failureOf(error);
  if (failure) return classifyBotApiError(failure, error);
  return new DeliveryError(
    "TRANSIENT",
    error instanceof Error ? error.message : String(error),
    undefined,
    { cause: error },
  );
}
