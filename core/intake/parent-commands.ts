import { upsertContact } from "../contacts/upsert-contact.js";
import { type Contact, inTransaction, type Tx } from "../db/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { emptyEffects, type Effects, type IntakeDeps } from "./intake-deps.js";
import { listParentTickets } from "./list-parent-tickets.js";
import { sendFaqTopics, sendWelcome } from "./parent-menu.js";

export type ParentCommand = "start" | "status" | "faq" | "help";

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
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx) => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, input.channel, input.eventKeys)))
      return { outcome: "duplicate" };
    const contact = await upsertContact(tx, {
      channel: input.channel,
      externalId: input.externalUserId,
      ...input.profile,
    });
    await commands[command](tx, deps, effects, contact);
    return { outcome: command };
  });
  await deps.afterCommit(effects);
  return result;
}

const commands: Record<
  ParentCommand,
  (tx: Tx, deps: IntakeDeps, effects: Effects, contact: Contact) => Promise<void>
> = {
  start: sendWelcome,
  help: sendWelcome,
  status: listParentTickets,
  faq: sendFaqTopics,
};
