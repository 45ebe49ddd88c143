import { asLocale } from "../contacts/contact-locale.js";
import { upsertContact } from "../contacts/upsert-contact.js";
import type { Contact, Tx } from "../db/index.js";
import { CoreError } from "../shared/index.js";
import { faqFeedback } from "./faq-feedback.js";
import type { Effects, IntakeDeps } from "./intake-deps.js";
import { runParentOperation } from "./run-parent-operation.js";
import { listParentTickets } from "./list-parent-tickets.js";
import { municipalityPrompt } from "./municipality-prompt.js";
import {
  type ActionReply,
  type ParentActionInput,
  parentActionInputSchema,
} from "./parent-action-input.js";
import { type ParentAction, parseAction } from "./parent-actions.js";
import { sendToParent } from "./parent-channel.js";
import { sendFaqTopic, sendFaqTopics, sendWritePrompt } from "./parent-menu.js";
import { rateTicket } from "./rate-ticket.js";
import { reopenByParent } from "./reopen-by-parent.js";
import { setCategory } from "./set-category.js";
import { confirmMunicipality } from "./set-municipality.js";
import { showFaqEntry } from "./show-faq-entry.js";
import { showOfferedEntry } from "./show-offered-entry.js";

/**
 * A parent tapped a button. Unknown or forged data is answered politely and changes
 * nothing; a redelivered tap is ignored.
 */
export async function handleParentAction(
  deps: IntakeDeps,
  input: ParentActionInput,
): Promise<ActionReply> {
  const parsed = parentActionInputSchema.safeParse(input);
  if (!parsed.success)
    throw new CoreError(
      "INVALID_INPUT",
      `Button press rejected: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  const press = parsed.data;
  const claim = { channel: press.channel, eventKeys: [`action:${press.eventKey}`] };
  return runParentOperation<ActionReply>(
    deps,
    claim,
    { outcome: "duplicate" },
    async (tx, effects) => {
      const contact = await upsertContact(tx, {
        channel: press.channel,
        externalId: press.externalUserId,
        ...press.profile,
      });
      const action = parseAction(press.data);
      if (!action)
        return { outcome: "unknown", toast: deps.i18n.t(asLocale(contact.locale), "action-stale") };
      return perform(tx, deps, effects, contact, action);
    },
  );
}

async function perform(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  action: ParentAction,
): Promise<ActionReply> {
  switch (action.kind) {
    case "faq_feedback":
      return faqFeedback(tx, deps, effects, contact, action.lookupId, action.helpful);
    case "set_category":
      return setCategory(tx, deps, effects, contact, action.ticketId, action.category);
    case "set_municipality":
      return chooseMunicipality(tx, deps, effects, contact, action.municipalityId);
    case "municipality_page": {
      const prompt = await municipalityPrompt(tx, deps.i18n, asLocale(contact.locale), action.page);
      if (prompt) await sendToParent(tx, effects, contact, prompt);
      return { outcome: "municipality_page", removeButtons: true };
    }
    case "reopen":
      return reopenByParent(tx, deps, effects, contact, action.ticketId);
    case "rate":
      return rateTicket(tx, deps, effects, contact, action.ticketId, action.score);
    case "menu":
      if (action.item === "faq") await sendFaqTopics(tx, deps, effects, contact);
      else if (action.item === "write") await sendWritePrompt(tx, deps, effects, contact);
      else await listParentTickets(tx, deps, effects, contact);
      return { outcome: `menu_${action.item}` };
    case "faq_topic":
      await sendFaqTopic(tx, deps, effects, contact, action.topic);
      return { outcome: "faq_topic" };
    case "faq_entry":
      return showFaqEntry(tx, deps, effects, contact, action.entryId);
    case "faq_offer":
      return showOfferedEntry(tx, deps, effects, contact, action.ticketId, action.entryId);
  }
}

async function chooseMunicipality(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  id: number | null,
): Promise<ActionReply> {
  const municipality = id === null ? null : await tx.municipality.findUnique({ where: { id } });
  if (id !== null && !municipality)
    return { outcome: "stale", toast: deps.i18n.t(asLocale(contact.locale), "action-stale") };
  await confirmMunicipality(tx, deps, effects, contact, municipality);
  return {
    outcome: municipality ? "municipality_set" : "municipality_skipped",
    removeButtons: true,
  };
}
