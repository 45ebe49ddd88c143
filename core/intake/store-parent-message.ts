import type { Contact, Message, Tx } from "../db/index.js";
import { addMessage } from "../tickets/add-message.js";
import type { Attachment } from "../tickets/attachment.js";

export interface ParentWords {
  text: string;
  attachments: Attachment[];
  externalMessageId?: string;
  mediaGroupId?: string;
}

/** Stores what the parent wrote on a ticket, with the ids that let edits and replies find it. */
export function storeParentMessage(
  tx: Tx,
  ticketId: number,
  contact: Contact,
  words: ParentWords,
  at: Date,
): Promise<Message> {
  return addMessage(tx, {
    ticketId,
    direction: "in",
    text: words.text,
    attachments: words.attachments,
    externalChatId: contact.externalId,
    externalMessageId: words.externalMessageId,
    mediaGroupId: words.mediaGroupId,
    at,
  });
}
