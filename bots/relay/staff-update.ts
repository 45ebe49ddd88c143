import type { Message, User } from "telegraf/types";
import type { IncidentBoard } from "../../core/incidents/index.js";
import type { Logger } from "../../core/observability/index.js";
import {
  findTicketForStaffMessage,
  type StaffActor,
  type StaffDeps,
} from "../../core/staff/index.js";
import type { StaffDirectory } from "./staff-directory.js";

/** What the relay's handlers share. */
export interface RelayHandlerDeps {
  deps: StaffDeps;
  /** The main staff group (RELAY_CHAT_ID). */
  chatId: string;
  /** Every staff group the relay serves: the main one and the lines' own. */
  chatIds?: ReadonlySet<string>;
  directory: StaffDirectory;
  logger: Logger;
  /** CONSOLE_PUBLIC_URL: /console sends sign-in links to it (off when absent). */
  consoleUrl?: string;
  /** The open incidents (core's board): incident commands refresh it. */
  incidentBoard?: IncidentBoard;
}

/** The staff member as core knows them. */
export function actorOf(user: User): StaffActor {
  return {
    telegramUserId: String(user.id),
    displayName: [user.first_name, user.last_name].filter(Boolean).join(" "),
  };
}

/** A message's dedupe key: the same message (redelivered or replayed) acts once. */
export function messageEventKey(message: { chat: { id: number }; message_id: number }): string {
  return `c${message.chat.id}:m${message.message_id}`;
}

type Placed = Pick<Message, "chat" | "message_id"> & {
  message_thread_id?: number;
  is_topic_message?: boolean;
  reply_to_message?: { message_id: number };
};

/**
 * The ticket a staff-group message is about: the topic it is in, or (a group without
 * topics) the card or relayed message it replies to. In a topic every message "replies"
 * to the topic's first message; only a reply to something else counts as a reply.
 */
export async function ticketOf(h: RelayHandlerDeps, message: Placed) {
  const threadId = message.is_topic_message ? message.message_thread_id : undefined;
  const replyId = message.reply_to_message?.message_id;
  const replyToMessageId = replyId !== undefined && replyId !== threadId ? replyId : undefined;
  return findTicketForStaffMessage(h.deps.db, {
    chatId: String(message.chat.id),
    threadId,
    replyToMessageId,
  });
}

/** Orders work per topic (or per chat outside topics). */
export function topicKey(message: Placed | undefined): string {
  if (!message) return "none";
  const thread = message.is_topic_message ? message.message_thread_id : undefined;
  return `${message.chat.id}:${thread ?? "-"}`;
}
