import { APIError, UploadError } from "vk-io";
import { DeliveryError } from "../../core/outbound/index.js";

/** VK API error codes the sender acts on (VKCOM/vk-api-schema errors.json). */
export const vkErrorCodes = {
  unknown: 1,
  tooManyRequests: 6,
  floodControl: 9,
  internal: 10,
  captcha: 14,
  rateLimit: 29,
  invalidUser: 113,
  blacklist: 900,
  noPermission: 901,
  privacy: 902,
  noChatAccess: 917,
} as const;

/** How long to wait after each limit: per second, flood control, the method's quota. */
const rateLimitDelays = new Map<number, number>([
  [vkErrorCodes.tooManyRequests, 2_000],
  [vkErrorCodes.floodControl, 30_000],
  [vkErrorCodes.captcha, 60_000],
  [vkErrorCodes.rateLimit, 600_000],
]);

/** Network failures that happen before anything reaches VK. */
const notSentNetworkCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Maps a failed VK call to what the outbox should do. 900/901/902 mean the parent does
 * not accept community messages (the contact is marked and the agents are told); flood
 * and rate errors wait and retry; 1/10 and lost connections may or may not have sent the
 * message — harmless to repeat, since every send carries its random_id; anything else
 * the API refused is final.
 */
export function classifyVkError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof APIError) return classifyApiError(Number(error.code), error.message, error);
  if (error instanceof UploadError)
    return new DeliveryError("REJECTED", `VK upload refused: ${error.message}`, undefined, {
      cause: error,
    });
  const code = networkCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return notSentNetworkCodes.has(code ?? "")
    ? new DeliveryError("TRANSIENT", `VK API unreachable (${code}): ${message}`, undefined, {
        cause: error,
      })
    : new DeliveryError("AMBIGUOUS", `VK API outcome unknown: ${message}`, undefined, {
        cause: error,
      });
}

function classifyApiError(code: number, message: string, cause: unknown): DeliveryError {
  const delay = rateLimitDelays.get(code);
  if (delay !== undefined) return new DeliveryError("RATE_LIMITED", message, delay, { cause });
  switch (code) {
    case vkErrorCodes.blacklist:
    case vkErrorCodes.noPermission:
    case vkErrorCodes.privacy:
      return new DeliveryError("RECIPIENT_BLOCKED", `${code}: ${message}`, undefined, { cause });
    case vkErrorCodes.invalidUser:
    case vkErrorCodes.noChatAccess:
      return new DeliveryError("CHAT_NOT_FOUND", `${code}: ${message}`, undefined, { cause });
    case vkErrorCodes.unknown:
    case vkErrorCodes.internal:
      return new DeliveryError("AMBIGUOUS", `${code}: ${message}`, undefined, { cause });
    default:
      return new DeliveryError("REJECTED", `${code}: ${message}`, undefined, { cause });
  }
}

/** node-fetch puts the system error code on the error or on its cause. */
function networkCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === "string") return own;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === "string" ? cause : undefined;
}
