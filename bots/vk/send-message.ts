import { type API, APIError } from "vk-io";
import { DeliveryError } from "../../core/outbound/index.js";

export interface VkMessage {
  peerId: number;
  randomId: number;
  text?: string;
  /** Keyboard JSON (see vk-keyboard.ts). */
  keyboard?: unknown;
  /** Attachment strings such as "photo-1_456239017_ab12". */
  attachments?: string[];
}

/**
 * One messages.send with `peer_id`, never `peer_ids`: with `peer_ids` (what vk-io's
 * `ctx.send` uses inside updates) VK reports 901/902 per peer inside a successful answer
 * and vk-io resolves without a message id, so a refused message would look delivered.
 * Returns the message id; a per-peer error in an array answer is thrown as an APIError.
 */
export async function sendVkMessage(api: API, message: VkMessage): Promise<number> {
  const result: unknown = await api.messages.send({
    peer_id: message.peerId,
    random_id: message.randomId,
    message: message.text,
    keyboard: message.keyboard === undefined ? undefined : JSON.stringify(message.keyboard),
    attachment: message.attachments?.length ? message.attachments.join(",") : undefined,
    disable_mentions: 1,
  });
  if (typeof result === "number") return result;
  const item: unknown = Array.isArray(result) ? result[0] : undefined;
  const messageId = readNumber(item, "message_id");
  if (messageId !== undefined) return messageId;
  const error = readObject(item, "error");
  if (error)
    throw new APIError({
      error_code: readNumber(error, "code") ?? 0,
      error_msg:
        typeof error.description === "string"
          ? error.description
          : "messages.send refused the peer",
      request_params: [],
    });
  throw new DeliveryError("AMBIGUOUS", `messages.send answered ${JSON.stringify(result)}`);
}

function readObject(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const inner: unknown = (value as Record<string, unknown>)[key];
  return typeof inner === "object" && inner !== null
    ? (inner as Record<string, unknown>)
    : undefined;
}

function readNumber(value: unknown, key: string): number | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const inner: unknown = (value as Record<string, unknown>)[key];
  return typeof inner === "number" ? inner : undefined;
}
