import type { Message } from "../../../core/db/index.js";
import {
  albumMessages,
  recordRelayed,
  type RelayTicket,
  type RelayView,
} from "../../../core/staff/index.js";
import { parseAttachments } from "../../../core/tickets/index.js";
import { staffView } from "../../../core/privacy/index.js";
import { revealKeyboard } from "../card-keyboard.js";
import { parentPostUnits, postParentMessages } from "../parent-posts.js";
import type { RelayRuntime } from "../relay-runtime.js";
import { sendText, textUnits } from "../texts.js";
import { ensurePlace, placeCost, postInTicket } from "../ticket-place.js";
import { combinedCaption, planCombined, stillUnshown } from "./combined-posts.js";
import { type OpHandler, placeView } from "./op-handler.js";

/**
 * Album items arrive as separate updates; the first waits until the album is quiet. Quiet
 * is measured between the items' handling, which a loaded machine stretches: 1.2 s once
 * split a three-photo album during a full test run. Agents lose nothing by 2.5 s.
 */
const ALBUM_SETTLE_MS = 2500;

function header(rt: RelayRuntime, ticket: RelayTicket): string {
  return rt.deps.i18n.t("ru", "relay-parent-says", {
    name: ticket.contact.displayName || rt.deps.i18n.t("ru", "relay-parent-unnamed"),
  });
}

/** The card's quoted messages whose files still have to be copied under it. */
function cardFiles(view: RelayView): Message[] {
  return (view.cardMessages ?? []).filter(
    (m) => m.relayMessageId === null && parseAttachments(m.attachments).length > 0,
  );
}

/** A new ticket: its topic, the card, then the files the parent sent with the question. */
export const openTopic: OpHandler<{ ticketId: number }> = {
  async cost(rt, _payload, counted) {
    const view = placeView(counted);
    return (
      (await placeCost(rt, view.ticket)) +
      parentPostUnits(cardFiles(view).map((m) => ({ caption: m.text, attachments: m.attachments })))
    );
  },
  async run(rt, budget, _payload, counted) {
    const view = await ensurePlace(rt, budget, placeView(counted));
    const files = cardFiles(view);
    if (files.length === 0) return;
    await postInTicket(rt, budget, view, async (where, current) => {
      const shown = await postParentMessages(
        rt,
        budget,
        current.contact.channel,
        where,
        files.map((message) => ({ message, caption: message.text })),
      );
      await recordRelayed(rt.deps.db, shown);
    });
  },
};

/**
 * The parent messages this row shows: the message itself, or for the first unshown item
 * of an album the whole album (later items then find themselves shown and post nothing).
 */
async function messagesToShow(rt: RelayRuntime, message: Message): Promise<Message[]> {
  if (message.relayMessageId !== null) return [];
  if (!message.mediaGroupId) return [message];
  const unshown = async () =>
    (await albumMessages(rt.deps.db, message.ticketId, message.mediaGroupId as string)).filter(
      (m) => m.relayMessageId === null,
    );
  let album = await unshown();
  if (album[0]?.id !== message.id) return [message];
  const newest = Math.max(...album.map((m) => m.createdAt.getTime()));
  const quiet = rt.deps.clock.now().getTime() - newest;
  if (quiet < ALBUM_SETTLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, ALBUM_SETTLE_MS - Math.max(0, quiet)));
    album = await unshown();
  }
  return album;
}

function captions(rt: RelayRuntime, ticket: RelayTicket, messages: Message[], faqTitle?: string) {
  const mark = faqTitle
    ? rt.deps.i18n.t("ru", "relay-parent-faq-answered", { title: faqTitle })
    : "";
  return messages.map((message, i) => ({
    message,
    caption:
      i === 0 ? [header(rt, ticket), message.text, mark].filter(Boolean).join("\n") : message.text,
  }));
}

/** A parent's later message (text, files, an album) in the ticket's topic. */
type ParentMessageOp = { ticketId: number; messageId: number; faqTitle?: string };

export const parentMessage: OpHandler<ParentMessageOp> = {
  async cost(rt, { messageId, faqTitle }, counted) {
    const view = placeView(counted);
    const message = view.message;
    if (!message) return 0;
    const messages = await messagesToShow(rt, message);
    if (messages.length === 0) return 0;
    const { ticket } = view;
    const place = await placeCost(rt, ticket);
    const combined =
      messages.length === 1
        ? await planCombined(rt, message, view.later, header(rt, ticket), place)
        : undefined;
    if (combined) {
      if (rt.combinePlans.size > 1000) rt.combinePlans.clear();
      rt.combinePlans.set(
        message.id,
        combined.map((m) => m.id),
      );
      const caption = combinedCaption(header(rt, ticket), combined);
      return place + parentPostUnits([{ caption, attachments: [] }]);
    }
    rt.combinePlans.delete(messageId);
    const posts = captions(rt, ticket, messages, faqTitle).map((p) => ({
      caption: p.caption,
      attachments: p.message.attachments,
    }));
    return place + parentPostUnits(posts);
  },
  async run(rt, budget, { messageId, faqTitle }, counted) {
    const plan = rt.combinePlans.get(messageId);
    rt.combinePlans.delete(messageId);
    await postInTicket(rt, budget, placeView(counted), async (where, ticket, view) => {
      // The view as it is after the place was made: a card posted just now may already
      // quote this message (it is then shown).
      const message = view.message;
      if (!message) return;
      const messages = await messagesToShow(rt, message);
      if (messages.length === 0) return;
      const combined = plan && messages.length === 1 ? stillUnshown(view, plan) : [];
      const entries =
        combined.length > 1 && combined[0]?.id === message.id
          ? [
              {
                message,
                caption: combinedCaption(header(rt, ticket), combined),
                also: combined.slice(1),
              },
            ]
          : captions(rt, ticket, messages, faqTitle);
      const shown = await postParentMessages(rt, budget, ticket.contact.channel, where, entries);
      await recordRelayed(rt.deps.db, shown);
    });
  },
};

/** A parent edited a message of the ticket: the new text, as a reply to the old one. */
export const parentEdit: OpHandler<{ ticketId: number; messageId: number }> = {
  async cost(rt, _payload, counted) {
    const view = placeView(counted);
    return (await placeCost(rt, view.ticket)) + textUnits(editText(rt, view.message?.text ?? ""));
  },
  async run(rt, budget, _payload, counted) {
    const view = placeView(counted);
    const message = view.message;
    if (!message) return;
    const text = editText(rt, message.text);
    const reveal =
      staffView(text) === text ? {} : { reply_markup: revealKeyboard(rt.deps.i18n, message.id) };
    await postInTicket(rt, budget, view, (where) =>
      sendText(rt, budget, rt.chatId, text, {
        ...where,
        ...reveal,
        ...(message.relayMessageId === null
          ? {}
          : {
              reply_parameters: {
                message_id: message.relayMessageId,
                allow_sending_without_reply: true,
              },
            }),
      }),
    );
  },
};

function editText(rt: RelayRuntime, text: string): string {
  return rt.deps.i18n.t("ru", "relay-parent-edited", { text });
}
