import type { Message, Tx } from "../db/index.js";
import type { Attachment } from "./attachment.js";

export interface NewMessage {
  ticketId: number;
  direction: "in" | "bot" | "agent" | "note";
  text: string;
  attachments?: Attachment[];
  agentId?: number;
  externalChatId?: string;
  externalMessageId?: string;
  mediaGroupId?: string;
  relayMessageId?: number;
  at: Date;
}

/** Stores one message of a ticket's conversation (parent, bot, agent or internal note). */
export async function addMessage(tx: Tx, message: NewMessage): Promise<Message> {
  return tx.message.create({
    data: {
      ticketId: message.ticketId,
      direction: message.direction,
      text: message.text,
      attachments: message.attachments ?? [],
      agentId: message.agentId,
      externalChatId: message.externalChatId,
      externalMessageId: message.externalMessageId,
      mediaGroupId: message.mediaGroupId,
      relayMessageId: message.relayMessageId,
      createdAt: message.at,
    },
  });
}
