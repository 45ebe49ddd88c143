import { fileMessagesShownIn, loadRelayTicket, ticketHistory } from "../../../core/staff/index.js";
import type { RelayRuntime } from "../relay-runtime.js";
import { failureOf } from "../telegram-failure.js";
import { sendText, textUnits } from "../texts.js";
import { placeCost, postInTicket, setTopicClosed, type Where } from "../ticket-place.js";
import type { OpHandler } from "./op-handler.js";

interface LineMoved {
  ticketId: number;
  fromChatId: string;
  fromThreadId: number | null;
  fromCardMessageId: number | null;
  from: string;
  to: string;
  toLine: string;
  by: string;
}

/** Whether the ticket's new line is served by another group than this one. */
function leavesGroup(rt: RelayRuntime, toLine: string): boolean {
  return (rt.lineChat?.(toLine) ?? rt.chatId) !== rt.chatId;
}

function oldPlace(p: LineMoved): Where {
  if (p.fromThreadId !== null) return { message_thread_id: p.fromThreadId };
  return p.fromCardMessageId === null
    ? {}
    : { reply_parameters: { message_id: p.fromCardMessageId, allow_sending_without_reply: true } };
}

function movedText(rt: RelayRuntime, p: LineMoved): string {
  const key = leavesGroup(rt, p.toLine) ? "relay-line-moved-away" : "relay-line-moved-here";
  return rt.deps.i18n.t("ru", key, { from: p.from, to: p.to, name: p.by });
}

/**
 * /line, in the old place (run by the old group's side): a note saying where the ticket
 * went and, when its new line has another group, the old topic closed, so agents there
 * stop answering in it (their messages there find no ticket any more).
 */
export const lineMoved: OpHandler<LineMoved> = {
  async cost(rt, p) {
    const close = leavesGroup(rt, p.toLine) && p.fromThreadId !== null && (await rt.isForum());
    return textUnits(movedText(rt, p)) + (close ? 1 : 0);
  },
  async run(rt, budget, p) {
    const forum = await rt.isForum();
    const where = forum ? oldPlace(p) : { ...oldPlace(p), message_thread_id: undefined };
    try {
      await sendText(rt, budget, rt.chatId, movedText(rt, p), where);
    } catch (error) {
      // The old topic may be gone or closed already: the note is a courtesy, the move stands.
      if (failureOf(error)?.errorCode !== 400) throw error;
      rt.logger.warn({ ticketId: p.ticketId, err: error }, "line move note not posted");
    }
    if (leavesGroup(rt, p.toLine) && p.fromCardMessageId !== null) {
      // The old card's buttons would act on a ticket this group no longer holds.
      await rt.telegram
        .editMessageReplyMarkup(rt.chatId, p.fromCardMessageId, undefined, {
          inline_keyboard: [],
        })
        .catch((error: unknown) => {
          if (failureOf(error)?.errorCode !== 400) throw error;
        });
    }
    if (leavesGroup(rt, p.toLine) && forum && p.fromThreadId !== null) {
      await budget.spend(1);
      await setTopicClosed(rt, p.ticketId, p.fromThreadId, true);
      rt.topics.delete(p.ticketId);
    }
  },
};

interface LineHistory {
  ticketId: number;
  fromChatId: string;
  from: string;
}

async function historyOf(rt: RelayRuntime, p: LineHistory) {
  const text = await ticketHistory(
    { ...rt.deps, timeZone: rt.deps.settings.defaultTimeZone },
    p.ticketId,
    p.from,
  );
  const files = await fileMessagesShownIn(rt.deps.db, p.ticketId);
  return { text, files };
}

/**
 * /line, in the new line's group: the topic and card (created as for any ticket), then the
 * conversation so far (masked, as everything the relay posts) and the files copied from
 * the old group, albums kept together. Nothing when the group stays the same.
 */
export const lineHistory: OpHandler<LineHistory> = {
  async cost(rt, p) {
    if (p.fromChatId === rt.chatId) return 0;
    const ticket = await loadRelayTicket(rt.deps.db, p.ticketId);
    const { text, files } = await historyOf(rt, p);
    return (await placeCost(rt, ticket)) + textUnits(text) + files.length;
  },
  async run(rt, budget, p) {
    if (p.fromChatId === rt.chatId) return;
    await postInTicket(rt, budget, p.ticketId, async (where) => {
      const { text, files } = await historyOf(rt, p);
      await sendText(rt, budget, rt.chatId, text, where);
      if (files.length === 0) return;
      await budget.spend(files.length);
      try {
        await rt.telegram.copyMessages(rt.chatId, p.fromChatId, files.slice(0, 100), {
          ...(where.message_thread_id === undefined
            ? {}
            : { message_thread_id: where.message_thread_id }),
        });
      } catch (error) {
        // Files deleted in the old group cannot be copied; the history still says they were sent.
        if (failureOf(error)?.errorCode !== 400) throw error;
        rt.logger.warn({ ticketId: p.ticketId, err: error }, "ticket files not copied");
      }
    });
  },
};
