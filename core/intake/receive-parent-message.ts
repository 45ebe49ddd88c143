import { asLocale } from "../contacts/contact-locale.js";
import { findMunicipalityByName } from "../contacts/find-municipality.js";
import { upsertContact } from "../contacts/upsert-contact.js";
import type { Contact, Tx } from "../db/index.js";
import { CoreError } from "../shared/index.js";
import {
  inboundMessageSchema,
  type InboundMessage,
  type ParsedInboundMessage,
} from "../tickets/inbound-message.js";
import { appendToTicket } from "./append-to-ticket.js";
import { answerFromFaq } from "./answer-from-faq.js";
import type { Effects, IntakeDeps, IntakeOutcome } from "./intake-deps.js";
import { runParentOperation } from "./run-parent-operation.js";
import { openParentTicket } from "./open-parent-ticket.js";
import { confirmMunicipality } from "./set-municipality.js";
import { awaitsMunicipality } from "./municipality-prompt.js";
import { findOpenTicket } from "./find-open-ticket.js";
import { receiveOnHotPath } from "./hot-path/receive-on-hot-path.js";
import { dispatchRowsOf } from "./hot-path/write-fragments.js";
import { answerSecondQuestion } from "./answer-second-question.js";
import { classifySecondQuestion } from "./second-question.js";

/**
 * The front door: one parent message in, exactly one answer out (an FAQ answer, a ticket
 * number with the due time, a light acknowledgement on an open ticket, or a short reply
 * to a greeting). The dedupe claim, the stored message and the queued replies commit
 * together, so a redelivered update never acts twice and a crash never loses the reply.
 * The common cases take the hot path (a few SQL statements); the rest runs here.
 */
export async function receiveParentMessage(
  deps: IntakeDeps,
  input: InboundMessage,
): Promise<{ outcome: IntakeOutcome; ticketId?: number }> {
  const parsed = inboundMessageSchema.safeParse(input);
  if (!parsed.success) {
    throw new CoreError(
      "INVALID_INPUT",
      `Inbound message rejected: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  const message = parsed.data;
  // During an incident every message gets the notice and a linked ticket: the general path.
  const hot = deps.incidents?.anyOpen() ? undefined : await receiveOnHotPath(deps, message);
  if (hot) {
    await deps.afterCommit({
      outboxIds: [],
      outboxRows: dispatchRowsOf(hot.outbox),
      ticketIds: hot.ticketIds,
      newTickets: hot.newTickets,
      knownTimers: hot.knownTimers,
    });
    return { outcome: hot.outcome, ticketId: hot.ticketId };
  }
  const duplicate: { outcome: IntakeOutcome; ticketId?: number } = { outcome: "duplicate" };
  return runParentOperation(deps, message, duplicate, async (tx, effects) => {
    const contact = await upsertContact(tx, {
      channel: message.channel,
      externalId: message.externalUserId,
      displayName: message.profile.displayName,
      username: message.profile.username,
      languageCode: message.profile.languageCode,
    });
    const routeIt = () => route(tx, deps, effects, contact, message);
    return deps.incidents?.anyOpen()
      ? deps.incidents.receive(tx, effects, contact, message, routeIt)
      : routeIt();
  });
}

async function route(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  message: ParsedInboundMessage,
): Promise<{ outcome: IntakeOutcome; ticketId?: number }> {
  if (await isMunicipalityAnswer(tx, deps, effects, contact, message))
    return { outcome: "municipality_set" };
  const open = await findOpenTicket(tx, contact.id);
  if (open) {
    const second = classifySecondQuestion(
      deps.faq,
      message,
      open.category,
      asLocale(contact.locale),
    );
    if (second.kind !== "follow_up")
      return answerSecondQuestion(tx, deps, effects, contact, open, message, second);
    await appendToTicket(tx, deps, effects, contact, open, message);
    return { outcome: "appended", ticketId: open.id };
  }
  if (message.attachments.length > 0 || message.text.trim() === "") {
    const ticket = await openParentTicket(tx, deps, effects, contact, message, {
      category: deps.faq.inferCategory(message.text),
    });
    return { outcome: "ticket_opened", ticketId: ticket.id };
  }
  return answerFromFaq(tx, deps, effects, contact, message, asLocale(contact.locale));
}

async function isMunicipalityAnswer(
  tx: Tx,
  deps: IntakeDeps,
  effects: Effects,
  contact: Contact,
  message: ParsedInboundMessage,
): Promise<boolean> {
  if (message.attachments.length > 0 || !awaitsMunicipality(contact, deps.clock.now()))
    return false;
  const municipality = await findMunicipalityByName(tx, message.text);
  if (!municipality) return false;
  await confirmMunicipality(tx, deps, effects, contact, municipality);
  return true;
}
