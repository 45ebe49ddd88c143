import { VkApiError, invalidParam } from "../api-error.js";
import type { VkKeyboard, VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";
import { resolveAttachments } from "./attachment-check.js";
import { parseKeyboard } from "./keyboard-check.js";

/** The practical text limit bots hit (the schema says 9000; VK answers 914 above 4096). */
export const MAX_MESSAGE_LENGTH = 4096;

/** The validated content of messages.send / messages.edit. */
export interface MessageContent {
  text: string;
  attachmentRefs: string[];
  attachments: Record<string, unknown>[];
  keyboard: VkKeyboard | undefined;
  payload: string | undefined;
}

/**
 * Checks text, keyboard, attachments and payload the way VK does, before anything is
 * stored: a rejected call changes nothing.
 */
export function readMessageContent(world: FakeVkWorld, params: VkParams): MessageContent {
  const text = params.message ?? "";
  // Code points, not UTF-16 units: an emoji counts as one character.
  if ([...text].length > MAX_MESSAGE_LENGTH) throw new VkApiError(914);
  const keyboard = params.keyboard === undefined ? undefined : parseKeyboard(params.keyboard);
  const { refs, objects } = resolveAttachments(world, params.attachment);
  if (text.trim() === "" && refs.length === 0) throw invalidParam("message is empty or invalid");
  const payload = params.payload;
  if (payload !== undefined && payload.length > 1000) throw invalidParam("payload is too long");
  return { text, attachmentRefs: refs, attachments: objects, keyboard, payload };
}
