import type { VkErrorBody, VkParams } from "./types.js";

/** Messages VK uses for the codes the fake can produce (VKCOM/vk-api-schema errors.json). */
export const VK_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  1: "Unknown error occurred",
  3: "Unknown method passed",
  5: "User authorization failed: invalid access_token",
  6: "Too many requests per second",
  8: "Invalid request: v (version) is required",
  9: "Flood control",
  10: "Internal server error",
  15: "Access denied",
  100: "One of the parameters specified was missing or invalid",
  113: "Invalid user id",
  121: "Invalid hash",
  900: "Can't send messages for users from blacklist",
  901: "Can't send messages for users without permission",
  902: "Can't send messages to this user due to their privacy settings",
  909: "Can't edit this message, because it's too old",
  911: "Keyboard format is invalid",
  914: "Message is too long",
  917: "You don't have access to this chat",
  920: "Can't edit this kind of message",
};

/** Thrown by method handlers; the dispatcher turns it into a VK error response. */
export class VkApiError extends Error {
  readonly code: number;

  /** `detail` is appended as VK does: "One of the parameters ...: peer_id is undefined". */
  constructor(code: number, detail?: string) {
    const base = VK_ERROR_MESSAGES[code] ?? `Error ${code}`;
    super(detail === undefined ? base : `${base}: ${detail}`);
    this.name = "VkApiError";
    this.code = code;
  }
}

/** A missing or invalid parameter: VK error 100 with the parameter named. */
export function invalidParam(detail: string): VkApiError {
  return new VkApiError(100, detail);
}

/**
 * The `error` body VK returns: `request_params` lists method, oauth and every parameter
 * except the token, as in real responses (`[{key:"method",value:"messages.send"},...]`).
 */
export function errorBody(error: VkApiError, method: string, params: VkParams): VkErrorBody {
  const requestParams = [
    { key: "method", value: method },
    { key: "oauth", value: "1" },
    ...Object.entries(params)
      .filter(([key]) => key !== "access_token")
      .map(([key, value]) => ({ key, value })),
  ];
  return { error_code: error.code, error_msg: error.message, request_params: requestParams };
}
