import {
  forgetTopic,
  loadRelayView,
  recordPlace,
  type RelayTicket,
  type RelayView,
  renderTicketCard,
  topicTitle,
} from "../../core/staff/index.js";
import type { Message } from "../../core/db/index.js";
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

/** The ticket as the relay needs it now (one statement, core/staff relay-view). */
export function viewOf(
  rt: RelayRuntime,
  ticketId: number,
  options: { card?: boolean; messageId?: number } = {},
): Promise<RelayView> {
  return loadRelayView(rt.deps.db, ticketId, { ...options, chatId: rt.chatId });
}

/** The card as the relay shows it now, personal data masked ("show" offered when any is). */
export async function renderCard(
  rt: RelayRuntime,
  view: RelayView,
): Promise<{ text: string; reply_markup: InlineKeyboard; quotedMessageIds: number[] }> {
  // Read with the card's messages when the view was loaded without them.
  const full = view.cardMessages ? view : await viewOf(rt, view.ticket.id, { card: true });
  const card = renderTicketCard(rt.deps, {
    ticket: full.ticket,
    municipalityName: full.municipalityName,
    messages: full.cardMessages ?? [],
  });
  return {
    text: card.text,
    reply_markup: cardKeyboard(rt.deps.i18n, view.ticket, { canReveal: card.masked }),
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
 * parse_mode, so no name can break it). Each is recorded once posted. Returns the view as
 * it is now: the new place, and the messages the card quotes shown.
 */
export async function ensurePlace(
  rt: RelayRuntime,
  budget: Budget,
  view: RelayView,
): Promise<RelayView> {
  const { db, clock, i18n } = rt.deps;
  const forum = await rt.isForum();
  let { ticket } = view;
  let { threadId, cardId } = inThisChat(rt, ticket);
  if (forum && threadId === null) {
    await budget.spend(1);
    const title = topicTitle(ticket, clock.now(), i18n, rt.responseMinutes);
    const topic = await rt.telegram.createForumTopic(rt.chatId, title);
    threadId = topic.message_thread_id;
    await recordPlace(db, ticket.id, { chatId: rt.chatId, threadId });
    rt.topics.set(ticket.id, { title, closed: false });
    cardId = null;
    ticket = {
      ...ticket,
      relayChatId: rt.chatId,
      relayThreadId: threadId,
      relayCardMessageId: null,
    };
  }
  if (cardId !== null) return { ...view, ticket };
  await budget.spend(1);
  const card = await renderCard(rt, { ...view, ticket });
  const sent = await rt.telegram.sendMessage(rt.chatId, card.text, {
    ...(threadId === null ? {} : { message_thread_id: threadId }),
    reply_markup: card.reply_markup,
  });
  await recordPlace(db, ticket.id, {
    chatId: rt.chatId,
    cardMessageId: sent.message_id,
    quotedMessageIds: card.quotedMessageIds,
  });
  // What recordPlace marked as shown: the quoted text-only messages not shown before.
  const quoted = new Set(card.quotedMessageIds);
  const shown = (m: Message): Message =>
    quoted.has(m.id) &&
    m.relayMessageId === null &&
    Array.isArray(m.attachments) &&
    m.attachments.length === 0
      ? { ...m, relayMessageId: sent.message_id }
      : m;
  return {
    ...view,
    ticket: { ...ticket, relayChatId: rt.chatId, relayCardMessageId: sent.message_id },
    cardMessages: view.cardMessages?.map(shown) ?? null,
    message: view.message && shown(view.message),
    later: view.later.map(shown),
  };
}

/**
 * Posts into the ticket's place, creating it first when missing. A topic deleted under
 * the relay ("message thread not found") is recreated with its card and the post retried
 * once; a closed topic is reopened for the post (and closed again when the ticket is not
 * open any more). `post` gets the view as it is after the place was made.
 */
export async function postInTicket<T>(
  rt: RelayRuntime,
  budget: Budget,
  ticketOrView: number | RelayView,
  post: (where: Where, ticket: RelayTicket, view: RelayView) => Promise<T>,
): Promise<T> {
  const forum = await rt.isForum();
  let view = typeof ticketOrView === "number" ? await viewOf(rt, ticketOrView) : ticketOrView;
  const ticketId = view.ticket.id;
  if (!(await hasPlace(rt, view.ticket))) view = await ensurePlace(rt, budget, view);
  const { ticket } = view;
  try {
    return await post(whereOf(ticket, forum), ticket, view);
  } catch (error) {
    const failure = failureOf(error);
    if (forum && failure && isTopicClosed(failure) && ticket.relayThreadId !== null)
      return postInReopened(rt, budget, ticket, () => post(whereOf(ticket, forum), ticket, view));
    if (!failure || !isThreadGone(failure)) throw error;
    rt.logger.warn(
      { ticketId, threadId: ticket.relayThreadId },
      "ticket topic is gone, recreating",
    );
    await forgetTopic(rt.deps.db, ticketId);
    rt.topics.delete(ticketId);
    const messageId = view.message?.id;
    const fresh = await ensurePlace(rt, budget, await viewOf(rt, ticketId, { messageId }));
    return post(whereOf(fresh.ticket, forum), fresh.ticket, fresh);
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
