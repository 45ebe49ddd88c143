import {
  getRandomId,
  type IMessageContextPayload,
  MessageContext,
  type MessageEventContext,
  UpdateSource,
  type VK,
} from "vk-io";
import type { ActionReply } from "../../core/intake/index.js";
import type { Logger } from "../../core/observability/index.js";

/** VK cuts snackbar texts at 90 characters. */
const MAX_SNACKBAR = 90;

/**
 * Ends the spinner of a callback button, with core's short toast as a snackbar, and
 * takes the tapped buttons away when core asks (the message is edited with an empty
 * keyboard). The answer is queued already, so a failure here is only logged.
 */
export async function answerCallbackPress(
  vk: VK,
  ctx: MessageEventContext,
  reply: ActionReply,
  logger: Logger,
): Promise<void> {
  const snackbar = reply.toast
    ? JSON.stringify({
        type: "show_snackbar",
        text: [...reply.toast].slice(0, MAX_SNACKBAR).join(""),
      })
    : undefined;
  await vk.api.messages
    .sendMessageEventAnswer({
      event_id: ctx.eventId,
      user_id: ctx.userId,
      peer_id: ctx.peerId,
      event_data: snackbar,
    })
    .catch((error: unknown) => logger.debug({ err: error }, "callback press answer failed"));
  if (reply.removeButtons && ctx.conversationMessageId) {
    await removeKeyboard(vk, ctx.peerId, ctx.conversationMessageId).catch((error: unknown) =>
      logger.debug({ err: error }, "removing the tapped keyboard failed"),
    );
  }
}

/**
 * A text button has no toast: core's short notice ("this button is out of date") is
 * sent as a message. It answers one tap that core has not seen before, so a fresh
 * random_id is right here.
 */
export async function sendTapNotice(vk: VK, peerId: number, text: string): Promise<void> {
  await vk.api.messages.send({ peer_id: peerId, random_id: getRandomId(), message: text });
}

/**
 * messages.edit replaces the whole message, so the current text and attachments are read
 * back first; vk-io's MessageContext turns VK's escaped text back into plain text.
 */
async function removeKeyboard(vk: VK, peerId: number, conversationMessageId: number) {
  const { items } = await vk.api.messages.getByConversationMessageId({
    peer_id: peerId,
    conversation_message_ids: [conversationMessageId],
  });
  const [item] = items;
  if (!item) return;
  const message = new MessageContext({
    api: vk.api,
    upload: vk.upload,
    source: UpdateSource.WEBHOOK,
    updateType: "message_new",
    payload: item as unknown as IMessageContextPayload,
  });
  if (!message.text && message.attachments.length === 0) return;
  await message.editMessage({ keyboard: JSON.stringify({ inline: true, buttons: [] }) });
}
