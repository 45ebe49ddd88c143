import type { Contact, Message, Ticket } from "../db/index.js";
import { formatDueTime, formatDuration } from "../i18n/index.js";
import { parseAttachments } from "../tickets/attachment.js";
import { CARD_MESSAGES } from "./relay-view.js";
import type { StaffDeps } from "./staff-deps.js";

export interface TicketCard {
  text: string;
  /** Whether anything was masked (the relay then offers "show"). */
  masked: boolean;
  /** The parent's messages to copy into the topic under the card, oldest first. */
  parentMessageIds: number[];
}

const CARD_TEXT_LIMIT = 3500;

/**
 * The first post of a ticket's topic, as plain text (sent without markup, so no name or
 * message can break the formatting): who wrote, on which channel, municipality, topic,
 * deadline, the FAQ answers that did not help, and the parent's words with personal
 * data masked (always: "show" reveals them to the agent who asked, never in the card).
 */
export async function ticketCard(
  deps: CardDeps & Pick<StaffDeps, "db">,
  ticketId: number,
): Promise<TicketCard> {
  const { municipality, messages, ...ticket } = await deps.db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: {
      contact: true,
      municipality: true,
      messages: { where: { direction: "in" }, orderBy: { id: "asc" }, take: CARD_MESSAGES },
    },
  });
  return renderTicketCard(deps, { ticket, municipalityName: municipality?.name ?? null, messages });
}

type CardDeps = Pick<StaffDeps, "i18n" | "clock" | "maskPersonalData" | "settings">;

/** What the card shows: the relay reads it with the rest of its view (relay-view.ts). */
export interface TicketCardData {
  ticket: Ticket & { contact: Contact };
  municipalityName: string | null;
  /** The parent's first CARD_MESSAGES messages, oldest first. */
  messages: Message[];
}

export function renderTicketCard(deps: CardDeps, data: TicketCardData): TicketCard {
  const { ticket } = data;
  const t = (key: string, args?: Record<string, string | number>) => deps.i18n.t("ru", key, args);
  const now = deps.clock.now();
  const name = [
    ticket.contact.displayName,
    ticket.contact.username ? `@${ticket.contact.username}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const due = ticket.responseDueAt ?? ticket.firstResponseDueAt;
  const lines = [
    t("relay-card-title", {
      number: ticket.number,
      category: t(`relay-category-${ticket.category}`),
    }),
    t("relay-card-parent", {
      name: name || "—",
      channel: t(`relay-channel-${ticket.contact.channel}`),
    }),
    t("relay-card-municipality", { name: data.municipalityName ?? t("relay-card-unknown") }),
    t("relay-card-due", {
      due: formatDueTime(due, "ru", deps.settings.defaultTimeZone, now),
      left: formatDuration(due.getTime() - now.getTime(), "ru"),
    }),
  ];
  if (ticket.faqOffered.length > 0)
    lines.push(t("relay-card-faq-offered", { entries: ticket.faqOffered.join(", ") }));
  if (ticket.contact.blockedAt) lines.push(t("relay-card-blocked"));
  let masked = false;
  const texts = data.messages.map((m) => {
    const attachments = parseAttachments(m.attachments)
      .map((a) => `[${a.kind}]`)
      .join(" ");
    const body = [m.text, attachments].filter(Boolean).join(" ");
    const result = deps.maskPersonalData(body);
    masked ||= result.found.length > 0;
    return result.masked;
  });
  const messageBlock = texts.filter(Boolean).join("\n\n");
  if (messageBlock) lines.push("", t("relay-card-messages"), messageBlock);
  const text = lines.join("\n");
  return {
    text: text.length > CARD_TEXT_LIMIT ? `${text.slice(0, CARD_TEXT_LIMIT)}…` : text,
    masked,
    parentMessageIds: data.messages.map((m) => m.id),
  };
}
