import {
  forgetTopic,
  loadRelayTicket,
  recordCard,
  recordTopic,
  type RelayTicket,
  ticketCard,
  topicTitle,
} from "../../core/staff/index.js";
import { isOpen } from "../../core/tickets/index.js";
import { isThreadGone, isTopicClosed } from "../bot-api/index.js";
import type { Budget } from "./budget.js";
import { cardKeyboard, type InlineKeyboard } from "./card-keyboard.js";
import type { RelayRuntime } from "./relay-runtime.js";
import { failureOf, isBadRequest } from "./telegram-failure.js";

/** Where a post about a ticket goes: its topic, or (group without topics) a reply to its card. */
export interface Where {
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
}

/** The card as the relay shows it now, personal data masked ("show" offered when any is). */
export async function renderCard(
  rt: RelayRuntime,
  ticket: RelayTicket,
): Promise<{ text: string; reply_markup: InlineKeyboard; quotedMessageIds: number[] }> {
  const card = await ticketCard(rt.deps, ticket.id);
  return {
    text: card.text,
    reply_markup: cardKeyboard(rt.deps.i18n, ticket, { canReveal: card.masked }),
    quotedMessageIds: card.parentMessageIds,
  };
}

function inThisChat(rt: RelayRuntime, ticket: RelayTicket) {
  const same = ticket.relayChatId === rt.chatId;
  return {
    threadId: same ? ticket.relayThreadId : null,
    cardId: same ? ticket.relayCardMessageId : null,
  };
}

/** Messages that creating the ticket's missing topic and card would post. */
export async function placeCost(rt: RelayRuntime, ticket: RelayTicket): Promise<number> {
  const { threadId, cardId } = inThisChat(rt, ticket);
  if (!(await rt.isForum())) return cardId === null ? 1 : 0;
  return threadId === null ? 2 : cardId === null ? 1 : 0;
}

export async function hasPlace(rt: RelayRuntime, ticket: RelayTicket): Promise<boolean> {
  return (await placeCost(rt, ticket)) === 0;
}

export function whereOf(ticket: RelayTicket, forum: boolean): Where {
  if (forum && ticket.relayThreadId !== null) return { message_thread_id: ticket.relayThreadId };
  return ticket.relayCardMessageId === null
    ? {}
    : {
        reply_parameters: {
          message_id: ticket.relayCardMessageId,
          allow_sending_without_reply: true,
        },
      };
}

/**
 * Creates what the ticket is missing in the staff group: its topic named with number,
 * category and status (forum), then the card with the action buttons (sent without
 * parse_mode, so no name can break it). Returns the ticket as now recorded.
 */
export async function ensurePlace(
  rt: RelayRuntime,
  budget: Budget,
  ticket: RelayTicket,
): Promise<RelayTicket> {
  const { db, clock, i18n } = rt.deps;
  const forum = await rt.isForum();
  let { threadId, cardId } = inThisChat(rt, ticket);
  if (forum && threadId === null) {
    await budget.spend(1);
    const title = topicTitle(ticket, clock.now(), i18n, rt.responseMinutes);
    const topic = await rt.telegram.createForumTopic(rt.chatId, title);
    threadId = topic.message_thread_id;
    await recordTopic(db, ticket.id, { chatId: rt.chatId, threadId });
    rt.topics.set(ticket.id, { title, closed: false });
    cardId = null;
  }
  if (cardId === null) {
    await budget.spend(1);
    const card = await renderCard(rt, ticket);
    const sent = await rt.telegram.sendMessage(rt.chatId, card.text, {
      ...(threadId === null ? {} : { message_thread_id: threadId }),
      reply_markup: card.reply_markup,
    });
    await recordCard(db, ticket.id, {
      chatId: rt.chatId,
      messageId: sent.message_id,
      quotedMessageIds: card.quotedMessageIds,
    });
  }
  return loadRelayTicket(db, ticket.id);
}

/**
 * Posts into the ticket's place, creating it first when missing. A topic deleted under
 * the relay ("message thread not found") is recreated with its card and the post retried
 * once; a closed topic is reopened for the post (and closed again when the ticket is not
 * open any more).
 */
export async function postInTicket<T>(
  rt: RelayRuntime,
  budget: Budget,
  ticketId: number,
  post: (where: Where, ticket: RelayTicket) => Promise<T>,
): Promise<T> {
  const forum = await rt.isForum();
  let ticket = await loadRelayTicket(rt.deps.db, ticketId);
  if (!(await hasPlace(rt, ticket))) ticket = await ensurePlace(rt, budget, ticket);
  try {
    return await post(whereOf(ticket, forum), ticket);
  } catch (error) {
    const failure = failureOf(error);
    if (forum && failure && isTopicClosed(failure) && ticket.relayThreadId !== null)
      return postInReopened(rt, budget, ticket, () => post(whereOf(ticket, forum), ticket));
    if (!failure || !isThreadGone(failure)) throw error;
    rt.logger.warn(
      { ticketId, threadId: ticket.relayThreadId },
      "ticket topic is gone, recreating",
    );
    await forgetTopic(rt.deps.db, ticketId);
    rt.topics.delete(ticketId);
    const fresh = await ensurePlace(rt, budget, await loadRelayTicket(rt.deps.db, ticketId));
    return post(whereOf(fresh, forum), fresh);
  }
}

async function postInReopened<T>(
  rt: RelayRuntime,
  budget: Budget,
  ticket: RelayTicket,
  post: () => Promise<T>,
): Promise<T> {
  const threadId = ticket.relayThreadId as number;
  const closeAgain = !isOpen(ticket.status);
  await budget.spend(closeAgain ? 2 : 1);
  await setTopicClosed(rt, ticket.id, threadId, false);
  const result = await post();
  if (closeAgain) await setTopicClosed(rt, ticket.id, threadId, true);
  return result;
}

/** Closes or reopens a topic; "already so" (TOPIC_NOT_MODIFIED) is fine. */
export async function setTopicClosed(
  rt: RelayRuntime,
  ticketId: number,
  threadId: number,
  closed: boolean,
): Promise<void> {
  try {
    if (closed) await rt.telegram.closeForumTopic(rt.chatId, threadId);
    else await rt.telegram.reopenForumTopic(rt.chatId, threadId);
  } catch (error) {
    if (!isBadRequest(error, "TOPIC_NOT_MODIFIED")) throw error;
  }
  rt.topics.set(ticketId, { ...rt.topics.get(ticketId), closed });
}
