import { asLocale, localeFromLanguageCode } from "../contacts/contact-locale.js";
import { upsertContact } from "../contacts/upsert-contact.js";
import type { Contact, Tx } from "../db/index.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { runParentOperation } from "./run-parent-operation.js";
import { listParentTickets } from "./list-parent-tickets.js";
import { sendToParent } from "./parent-channel.js";
import { sendFaqTopics, sendWelcome } from "./parent-menu.js";

export type ParentCommand = "start" | "status" | "faq" | "help" | "unsupported";

export interface ParentCommandInput {
  channel: "telegram" | "vk";
  externalUserId: string;
  eventKeys: string[];
  profile: { displayName: string; username?: string; languageCode?: string };
}

/** /start, /help, /status and /faq: each answered once, even when the update comes twice. */
export async function runParentCommand(
  deps: IntakeDeps,
  command: ParentCommand,
  input: ParentCommandInput,
): Promise<{ outcome: string }> {
  return runParentOperation(deps, input, { outcome: "duplicate" }, async (tx, effects) => {
    const contact = await upsertContact(tx, {
      channel: input.channel,
      externalId: input.externalUserId,
      ...input.profile,
    });
    const fresh =
      command === "start" ? await refreshLocale(tx, contact, input.profile.languageCode) : contact;
    await commands[command](tx, deps, effects, fresh);
    return { outcome: command };
  });
}

const commands: Record<
  ParentCommand,
  (tx: Tx, deps: IntakeDeps, effects: Effects, contact: Contact) => Promise<void>
> = {
  start: sendWelcome,
  help: sendWelcome,
  status: listParentTickets,
  faq: sendFaqTopics,
  unsupported: sendUnsupported,
};

/** Stickers, locations, polls…: one polite line saying what the bot accepts. */
async function sendUnsupported(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
): Promise<void> {
  await sendToParent(tx, effects, contact, {
    type: "text",
    text: deps.i18n.t(asLocale(contact.locale), "unsupported-content"),
  });
}

/** /start re-reads the messenger's language, so a parent who switched it is answered in it. */
async function refreshLocale(
  tx: Tx,
  contact: Contact,
  languageCode: string | undefined,
): Promise<Contact> {
  if (!languageCode) return contact;
  const locale = localeFromLanguageCode(languageCode);
  return locale === contact.locale
    ? contact
    : tx.contact.update({ where: { id: contact.id }, data: { locale } });
}
