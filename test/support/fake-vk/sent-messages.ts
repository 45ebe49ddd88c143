import type { SentMessage, StoredMessage, VkKeyboard, VkKeyboardButton } from "./types.js";

/** The test's view of a message the community sent. */
export function toSentMessage(message: StoredMessage): SentMessage {
  return {
    id: message.id,
    conversationMessageId: message.conversationMessageId,
    peerId: message.peerId,
    text: message.text,
    keyboard: message.keyboard,
    attachments: [...message.attachmentRefs],
    randomId: message.randomId,
    payload: message.payload,
    date: message.date,
    previousTexts: [...message.previousTexts],
  };
}

/** Labels of a keyboard row by row, e.g. [["Да", "Нет"], ["Нужен оператор"]]. */
export function keyboardLabels(keyboard: VkKeyboard | undefined): string[][] {
  return (keyboard?.buttons ?? []).map((row) => row.map((button) => button.action.label ?? ""));
}

/** The first button with this label, searching rows top to bottom. */
export function findButton(
  keyboard: VkKeyboard | undefined,
  label: string,
): VkKeyboardButton | undefined {
  return keyboard?.buttons.flat().find((button) => button.action.label === label);
}
