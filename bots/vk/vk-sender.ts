import type { VK } from "vk-io";
import type {
  Button,
  ChannelSender,
  FileFetchers,
  OutboxItem,
  ParentOutbound,
} from "../../core/outbound/index.js";
import { splitText } from "../bot-api/index.js";
import { classifyVkError } from "./classify-vk-error.js";
import { randomIdFor } from "./random-id.js";
import { sendVkMessage, type VkMessage } from "./send-message.js";
import { uploadAgentMedia } from "./upload-media.js";
import { vkKeyboard } from "./vk-keyboard.js";

/** VK accepts at most 10 attachments per message. */
const MAX_ATTACHMENTS = 10;

/**
 * Delivers core's outbox rows to parents on VK. Every message carries a random_id made
 * from the row id and the part number, so repeating a send whose outcome is unknown never
 * shows the parent a second copy: this sender is idempotent.
 */
export function createVkSender(vk: VK, fetchers: FileFetchers): ChannelSender {
  return {
    idempotent: true,
    async send(item: OutboxItem) {
      try {
        const messages = await compose(vk, fetchers, item);
        let last: number | undefined;
        for (const message of messages) last = await sendVkMessage(vk.api, message);
        return { externalMessageId: last === undefined ? undefined : String(last) };
      } catch (error) {
        throw classifyVkError(error);
      }
    },
  };
}

/** The messages.send calls one outbox row becomes, in order, each with its own random_id. */
async function compose(vk: VK, fetchers: FileFetchers, item: OutboxItem): Promise<VkMessage[]> {
  const peerId = Number(item.chatId);
  const payload = item.payload as ParentOutbound;
  switch (payload.type) {
    case "text":
      return textMessages(item.id, peerId, payload.text, [], payload.buttons);
    case "reaction":
      // Core acknowledges VK follow-ups with a short text instead; nothing to send.
      return [];
    case "agent_media": {
      const refs = await uploadAgentMedia(vk.upload, fetchers.relay, peerId, payload.attachments);
      return textMessages(item.id, peerId, payload.text, refs, undefined);
    }
  }
}

/**
 * A long text is cut into several messages (buttons under the last one); attachments go
 * with the last text part, ten per message.
 */
function textMessages(
  outboxId: number,
  peerId: number,
  text: string,
  attachments: string[],
  buttons: Button[][] | undefined,
): VkMessage[] {
  const texts = text.trim() === "" ? [] : splitText(text);
  const batches = chunk(attachments, MAX_ATTACHMENTS);
  // The last text part carries the first batch; further batches follow without text.
  const parts = [
    ...texts.slice(0, -1).map((part) => ({ text: part, batch: undefined })),
    ...(batches.length > 0 ? batches : [undefined]).map((batch, i) => ({
      text: i === 0 ? texts.at(-1) : undefined,
      batch,
    })),
  ].filter((part) => part.text !== undefined || part.batch !== undefined);
  const keyboard = vkKeyboard(buttons);
  return parts.map((part, i) => ({
    peerId,
    randomId: randomIdFor(outboxId, i),
    text: part.text,
    attachments: part.batch,
    keyboard: i === parts.length - 1 ? keyboard : undefined,
  }));
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
