import {
  forgetTopic,
  recordPlace,
  type RelayTicket,
  type RelayView,
  topicTitle,
} from "../../../core/staff/index.js";
import { isOpen } from "../../../core/tickets/index.js";
import { isThreadGone } from "../../bot-api/index.js";
import type { Budget } from "../budget.js";
import type { RelayRuntime } from "../relay-runtime.js";
import { failureOf, isBadRequest } from "../telegram-failure.js";
import {
  ensurePlace,
  hasPlace,
  placeCost,
  renderCard,
  setTopicClosed,
  viewOf,
  whereOf,
} from "../ticket-place.js";
import { type OpHandler, placeView } from "./op-handler.js";

/** What the topic should show now, and which of it differs from what the relay last set. */
function topicChanges(rt: RelayRuntime, ticket: RelayTicket) {
  const title = topicTitle(ticket, rt.deps.clock.now(), rt.deps.i18n, rt.responseMinutes);
  const closed = !isOpen(ticket.status);
  const known = rt.topics.get(ticket.id);
  return { title, closed, rename: known?.title !== title, toggle: known?.closed !== closed };
}

/**
 * The topic follows the ticket: its name (number, category, status light), closed when
 * solved or closed and reopened when open again, and the card's text and buttons.
 */
export const syncTopic: OpHandler<{ ticketId: number }> = {
  async cost(rt, _payload, counted) {
    const { ticket } = placeView(counted);
    if (!(await hasPlace(rt, ticket))) return isOpen(ticket.status) ? placeCost(rt, ticket) : 0;
    if (!(await rt.isForum())) return 0;
    const changes = topicChanges(rt, ticket);
    return (changes.rename ? 1 : 0) + (changes.toggle ? 1 : 0);
  },
  async run(rt, budget, { ticketId }, counted) {
    const view = placeView(counted);
    const { ticket } = view;
    if (!(await hasPlace(rt, ticket))) {
      if (isOpen(ticket.status)) await ensurePlace(rt, budget, view);
      return;
    }
    if (await rt.isForum()) {
      try {
        await syncForumTopic(rt, budget, ticket);
      } catch (error) {
        const failure = failureOf(error);
        if (!failure || !isThreadGone(failure)) throw error;
        await forgetTopic(rt.deps.db, ticketId);
        rt.topics.delete(ticketId);
        if (isOpen(ticket.status)) await ensurePlace(rt, budget, await viewOf(rt, ticketId));
        return;
      }
    }
    await refreshCard(rt, budget, view);
  },
};

async function syncForumTopic(rt: RelayRuntime, budget: Budget, ticket: RelayTicket) {
  const threadId = ticket.relayThreadId as number;
  const changes = topicChanges(rt, ticket);
  if (changes.rename) {
    await budget.spend(1);
    try {
      await rt.telegram.editForumTopic(rt.chatId, threadId, { name: changes.title });
    } catch (error) {
      if (!isBadRequest(error, "TOPIC_NOT_MODIFIED")) throw error;
    }
    rt.topics.set(ticket.id, { ...rt.topics.get(ticket.id), title: changes.title });
  }
  if (changes.toggle) {
    await budget.spend(1);
    await setTopicClosed(rt, ticket.id, threadId, changes.closed);
  }
}

/**
 * Re-renders the card in place (category, municipality, deadline, buttons for the status).
 * An edit is not a new message. A card someone deleted is posted again for "show" (the
 * agent asked to see it); a sync leaves it alone.
 */
async function refreshCard(
  rt: RelayRuntime,
  budget: Budget,
  view: RelayView,
  options: { repost?: boolean } = {},
): Promise<void> {
  const { ticket } = view;
  const card = await renderCard(rt, view);
  try {
    await rt.telegram.editMessageText(
      rt.chatId,
      ticket.relayCardMessageId as number,
      undefined,
      card.text,
      { reply_markup: card.reply_markup },
    );
  } catch (error) {
    if (isBadRequest(error, "message is not modified")) return;
    if (options.repost && isBadRequest(error, "message to edit not found")) {
      await repostCard(rt, budget, ticket, card);
      return;
    }
    // A card that cannot be edited (too old, deleted) is not worth failing the sync for.
    if (failureOf(error)?.errorCode !== 400) throw error;
    rt.logger.warn({ ticketId: ticket.id, err: error }, "card could not be refreshed");
  }
}

async function repostCard(
  rt: RelayRuntime,
  budget: Budget,
  ticket: RelayTicket,
  card: Awaited<ReturnType<typeof renderCard>>,
): Promise<void> {
  await budget.spend(1);
  const where = whereOf(ticket, await rt.isForum());
  const sent = await rt.telegram.sendMessage(rt.chatId, card.text, {
    ...(where.message_thread_id ? { message_thread_id: where.message_thread_id } : {}),
    reply_markup: card.reply_markup,
  });
  await recordPlace(rt.deps.db, ticket.id, {
    chatId: rt.chatId,
    cardMessageId: sent.message_id,
    quotedMessageIds: [],
  });
}

/**
 * A row queued when "show" still unmasked the card for everyone: the card is rendered
 * again as it is now (masked; personal data is shown to the agent who asks, privately).
 */
export const revealCard: OpHandler<{ ticketId: number }> = {
  async cost(rt, { ticketId }) {
    return placeCost(rt, (await viewOf(rt, ticketId)).ticket);
  },
  async run(rt, budget, { ticketId }) {
    const view = await viewOf(rt, ticketId, { card: true });
    if (!(await hasPlace(rt, view.ticket))) {
      await ensurePlace(rt, budget, view);
      return;
    }
    await refreshCard(rt, budget, view, { repost: true });
  },
};
