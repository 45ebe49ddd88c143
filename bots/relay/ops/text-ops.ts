import {
  findFlaggedDraft,
  listSupervisors,
  loadRelayTicket,
  openTicketsList,
  type RelayView,
  ticketInfo,
} from "../../../core/staff/index.js";
import { etiquetteFindingText } from "../../../core/staff/index.js";
import { lines } from "../../../core/config/index.js";
import { isOpen } from "../../../core/tickets/index.js";
import type { Budget } from "../budget.js";
import { encodeButton } from "../callback-data.js";
import { withMentions } from "../mentions.js";
import type { RelayRuntime } from "../relay-runtime.js";
import { messageLink } from "../staff-text.js";
import { sendText, staffText, textUnits } from "../texts.js";
import { hasPlace, placeCost, postInTicket, viewOf } from "../ticket-place.js";
import type { OpHandler } from "./op-handler.js";

type Args = Record<string, string | number>;

/**
 * A text about a ticket goes into its topic. A ticket that is not open and has no topic
 * (any more) gets no new one for a text: the text goes to the General topic with its number.
 */
async function aboutTicket(rt: RelayRuntime, ticket: number | RelayView, text: string) {
  const view = typeof ticket === "number" ? await viewOf(rt, ticket) : ticket;
  const { number, status } = view.ticket;
  const here = isOpen(status) || (await hasPlace(rt, view.ticket));
  return { view, here, text: here ? text : `№${number} · ${text}` };
}

async function textAboutTicketCost(rt: RelayRuntime, ticket: number | RelayView, text: string) {
  const { view, here, text: shown } = await aboutTicket(rt, ticket, text);
  return (here ? await placeCost(rt, view.ticket) : 0) + textUnits(shown);
}

async function postAboutTicket(
  rt: RelayRuntime,
  budget: Budget,
  ticket: number | RelayView,
  text: string,
): Promise<void> {
  const about = await aboutTicket(rt, ticket, text);
  if (!about.here) {
    await sendText(rt, budget, rt.chatId, about.text);
    return;
  }
  await postInTicket(rt, budget, about.view, (where) =>
    sendText(rt, budget, rt.chatId, text, where),
  );
}

const noticeText = (rt: RelayRuntime, p: { key: string; args: Args }) =>
  staffText(rt.deps.i18n, rt.logger, p.key, p.args);

/** A line for the agents in the ticket's topic (taken, on hold, SLA warning, …). */
export const notice: OpHandler<{ ticketId: number; key: string; args: Args }> = {
  cost: (rt, p, view) => textAboutTicketCost(rt, view ?? p.ticketId, noticeText(rt, p)),
  run: (rt, budget, p, view) => postAboutTicket(rt, budget, view ?? p.ticketId, noticeText(rt, p)),
};

const infoText = (rt: RelayRuntime, ticketId: number) =>
  ticketInfo({ ...rt.deps, timeZone: rt.deps.settings.defaultTimeZone }, ticketId);

/** /info: the ticket's history summary. */
export const info: OpHandler<{ ticketId: number }> = {
  cost: async (rt, p) => textAboutTicketCost(rt, p.ticketId, await infoText(rt, p.ticketId)),
  run: async (rt, budget, p) =>
    postAboutTicket(rt, budget, p.ticketId, await infoText(rt, p.ticketId)),
};

/** The lines this group serves (all of them when every line shares the main group). */
const linesHere = (rt: RelayRuntime) =>
  lines.filter((line) => (rt.lineChat?.(line) ?? rt.chatId) === rt.chatId);

const listText = (rt: RelayRuntime) =>
  openTicketsList(rt.deps, rt.responseMinutes, 30, linesHere(rt));

/** The supervisors who are in this group (a line's own): they get its escalations. */
async function supervisorsOfGroup(rt: RelayRuntime) {
  const all = await listSupervisors(rt.deps.db);
  const directory = rt.directory;
  if (!directory) return all;
  const inGroup = await Promise.all(
    all.map((s) => directory.isStaff(Number(s.telegramUserId), rt.chatId).catch(() => false)),
  );
  return all.filter((_, i) => inGroup[i]);
}

/** /tickets: open tickets, most urgent first, in the General topic. */
export const ticketsList: OpHandler<{ op: "tickets_list" }> = {
  cost: async (rt) => textUnits(await listText(rt)),
  run: async (rt, budget) => {
    await sendText(rt, budget, rt.chatId, await listText(rt));
  },
};

/** A text for everyone in the General topic (digests, role changes, hints). */
export const generalText: OpHandler<{ key: string; args: Args }> = {
  cost: async (rt, p) => textUnits(noticeText(rt, p)),
  run: async (rt, budget, p) => {
    await sendText(rt, budget, rt.chatId, noticeText(rt, p));
  },
};

/**
 * An escalation (SLA breach): to SUPERVISOR_CHAT_ID, or the General topic, with a link to
 * the ticket's topic and a mention of every supervisor (by user id: no username needed).
 */
export const supervisorAlert: OpHandler<{ ticketId: number; key: string; args: Args }> = {
  cost: async () => 1,
  run: async (rt, budget, p) => {
    const ticket = await loadRelayTicket(rt.deps.db, p.ticketId);
    const target = ticket.relayThreadId ?? ticket.relayCardMessageId;
    const link =
      ticket.relayChatId === rt.chatId && target !== null ? messageLink(rt.chatId, target) : "";
    const body = [noticeText(rt, p), link].filter(Boolean).join("\n");
    const supervisors = await supervisorsOfGroup(rt);
    const { text, entities } = withMentions(
      body.slice(0, 3500),
      supervisors.map((s) => ({ id: Number(s.telegramUserId), name: s.displayName })),
    );
    await budget.spend(1);
    await rt.telegram.sendMessage(rt.supervisorChatId ?? rt.chatId, text, { entities });
  },
};

async function warningText(rt: RelayRuntime, draftId: number) {
  const draft = await findFlaggedDraft(rt.deps.db, draftId);
  if (!draft) return null;
  const t = (key: string) => rt.deps.i18n.t("ru", key);
  const lines = [
    t("relay-etiquette-held"),
    ...draft.findings.map((f) => `• ${etiquetteFindingText(rt.deps.i18n, "ru", f)}`),
    ...(draft.spelling.length > 0
      ? [
          `• ${rt.deps.i18n.t("ru", "relay-etiquette-spelling", { words: draft.spelling.join(", ") })}`,
        ]
      : []),
    t("relay-etiquette-what-now"),
  ];
  return { draft, text: lines.join("\n") };
}

/**
 * A reply the etiquette guard held back: why (one line per finding), as a reply to the
 * agent's message, with "send anyway" and "edit".
 */
export const etiquetteWarning: OpHandler<{ ticketId: number; draftId: number }> = {
  async cost(rt, p) {
    const warning = await warningText(rt, p.draftId);
    return warning ? textAboutTicketCost(rt, p.ticketId, warning.text) : 0;
  },
  async run(rt, budget, p) {
    const warning = await warningText(rt, p.draftId);
    if (!warning) return;
    const t = (key: string) => rt.deps.i18n.t("ru", key);
    const reply_markup = {
      inline_keyboard: [
        [
          {
            text: t("relay-button-send-anyway"),
            callback_data: encodeButton({ kind: "send_anyway", draftId: p.draftId }),
          },
          {
            text: t("relay-button-edit"),
            callback_data: encodeButton({ kind: "edit_draft", draftId: p.draftId }),
          },
        ],
      ],
    };
    await postInTicket(rt, budget, p.ticketId, (where) =>
      sendText(rt, budget, rt.chatId, warning.text, {
        ...where,
        // A reply written in the web console has no message in the group to answer.
        ...(warning.draft.relayMessageId === undefined
          ? {}
          : {
              reply_parameters: {
                message_id: warning.draft.relayMessageId,
                allow_sending_without_reply: true,
              },
            }),
        reply_markup,
      }),
    );
  },
};
