import { asLocale, type Locale } from "../contacts/contact-locale.js";
import type { Contact, Ticket, Tx } from "../db/index.js";
import type { Button, ParentOutbound } from "../outbound/outbound-message.js";
import type { Attachment } from "../tickets/attachment.js";
import { openTicket, type TicketCategory } from "../tickets/open-ticket.js";
import { ticketOpenedText } from "./parent-due-text.js";
import type { OfferedEntry } from "./faq-advisor.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { storeParentMessage, type ParentWords } from "./store-parent-message.js";
import { municipalityPrompt } from "./municipality-prompt.js";
import { encodeAction } from "./parent-actions.js";
import { sendToParent } from "./parent-channel.js";
import { notifyStaff } from "./staff-feed.js";

/**
 * Opens a ticket with the parent's message, tells the parent its number and when to
 * expect the answer (seed rules 1 and 2), asks for the topic when it could not be
 * guessed, asks for the municipality once, and queues the staff topic.
 */
export async function openParentTicket(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  message: ParentWords,
  options: { category?: TicketCategory; faqOffered?: string[]; offers?: OfferedEntry[] } = {},
): Promise<Ticket> {
  const now = deps.clock.now();
  const ticket = await openTicket(
    tx,
    {
      contactId: contact.id,
      category: options.category ?? "other",
      municipalityId: contact.municipalityId,
      subject: message.text || attachmentSubject(message.attachments),
      faqOffered: options.faqOffered ?? options.offers?.map((offer) => offer.slug),
      now,
    },
    deps.policy,
  );
  await storeParentMessage(tx, ticket.id, contact, message, now);
  effects.ticketIds.push(ticket.id);
  await sendToParent(
    tx,
    effects,
    contact,
    await openedReply(tx, deps, contact, ticket, !options.category, options.offers ?? []),
    {
      ticketId: ticket.id,
    },
  );
  await notifyStaff(tx, effects, deps.settings, { op: "open_topic", ticketId: ticket.id });
  await askMunicipalityOnce(tx, deps, effects, contact);
  return ticket;
}

async function openedReply(
  tx: Tx,
  deps: IntakeDeps,
  contact: Contact,
  ticket: Ticket,
  askCategory: boolean,
  offers: OfferedEntry[],
) {
  const opened = await ticketOpenedText(tx, deps, contact, ticket);
  return openedReplyText(deps, asLocale(contact.locale), ticket, opened, askCategory, offers);
}

/**
 * "Ticket №N, we answer by …" (`openedLine`, from `ticketOpenedLine`), with the likely
 * answers and, when the topic was not guessed, the topic buttons.
 */
export function openedReplyText(
  deps: Pick<IntakeDeps, "i18n">,
  locale: Locale,
  ticket: Pick<Ticket, "id">,
  openedLine: string,
  askCategory: boolean,
  offers: readonly OfferedEntry[],
): ParentOutbound {
  const lines = [openedLine];
  const buttons: Button[][] = [];
  // The likely answers come first: one of them may make the rest unnecessary.
  if (offers.length > 0) {
    lines.push(deps.i18n.t(locale, "faq-offers"));
    for (const offer of offers)
      buttons.push([
        {
          label: offer.title,
          action: encodeAction({ kind: "faq_offer", ticketId: ticket.id, entryId: offer.id }),
        },
      ]);
  }
  if (askCategory) {
    lines.push(deps.i18n.t(locale, "ticket-choose-category"));
    buttons.push(
      (["site", "booking", "other"] as const).map((category) => ({
        label: deps.i18n.t(locale, `category-${category}`),
        action: encodeAction({ kind: "set_category", ticketId: ticket.id, category }),
      })),
    );
  }
  return {
    type: "text" as const,
    text: lines.join("\n\n"),
    buttons: buttons.length > 0 ? buttons : undefined,
  };
}

async function askMunicipalityOnce(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
): Promise<void> {
  if (contact.municipalityId || contact.municipalityAskedAt) return;
  const prompt = await municipalityPrompt(tx, deps.i18n, asLocale(contact.locale), 0);
  if (!prompt) return;
  await tx.contact.update({
    where: { id: contact.id },
    data: { municipalityAskedAt: deps.clock.now() },
  });
  await sendToParent(tx, effects, contact, prompt);
}

function attachmentSubject(attachments: Attachment[]): string {
  return attachments.map((a) => `[${a.kind}]`).join(" ");
}
