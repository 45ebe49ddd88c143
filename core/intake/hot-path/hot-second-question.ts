import { asLocale } from "../../contacts/contact-locale.js";
import { sql, type SqlRunner, sqlTime } from "../../db/index.js";
import { parentChatKey, relayChatKey } from "../../outbound/record-outbound.js";
import { openStatuses } from "../../tickets/ticket-state.js";
import { faqAnswerMessage } from "../faq-answer-message.js";
import type { IntakeDeps } from "../intake-deps.js";
import type { SecondQuestion } from "../second-question.js";
import type { HotContext, HotResult } from "./hot-context.js";
import {
  claimCtes,
  type OutboxInsert,
  type OutboxRef,
  outboxCte,
  outboxJson,
  outboxResult,
} from "./write-fragments.js";

/**
 * An FAQ question asked while a ticket is open, in ONE statement, as answerSecondQuestion
 * does it: the claim (only while the open ticket is still the one read, unchanged, and
 * still the parent's latest open one), the lookup log on that ticket, the entry's hit, the
 * message stored on the ticket, its copy for the topic marked as answered by the FAQ and
 * the answer. The ticket itself is not touched: no reply is owed for what the FAQ
 * answered, so its clock and timers stay. Returns "moved" when the ticket changed
 * meanwhile (the general path classifies again on what it finds).
 */
export async function answerSecondOnHotPath(
  runner: SqlRunner,
  deps: IntakeDeps,
  ctx: HotContext,
  second: Extract<SecondQuestion, { kind: "faq" }>,
): Promise<HotResult | "moved"> {
  const { message, state } = ctx;
  const { contact, ids } = state;
  const ticket = state.openTicket;
  if (!ticket) return "moved";
  const { suggestion, entry } = second;
  const now = deps.clock.now();
  const rows: OutboxInsert[] = [];
  // In the order the general path queues them: the topic's copy, then the answer.
  if (deps.settings.relayEnabled)
    rows.push({
      channel: "relay",
      chatKey: relayChatKey,
      payload: {
        op: "parent_message",
        ticketId: ticket.id,
        messageId: ids.message,
        faqTitle: entry.title,
      },
      ticketId: ticket.id,
      messageId: null,
    });
  rows.push({
    channel: contact.channel,
    chatKey: parentChatKey(contact.channel, contact.externalId),
    payload: faqAnswerMessage(deps, asLocale(contact.locale), ids.lookup, entry.answer),
    ticketId: null,
    messageId: null,
  });
  const [row] = await sql<{ guard: boolean; won: boolean; outbox: OutboxRef[] }>(
    runner,
    { name: "hot-second-question", text: secondQuestionSql },
    [
      message.channel,
      ctx.eventKeys,
      ticket.id,
      ticket.status,
      sqlTime(ticket.updatedAt),
      contact.id,
      openStatuses,
      ids.message,
      message.text,
      contact.externalId,
      message.externalMessageId ?? null,
      sqlTime(now),
      ids.lookup,
      message.text.slice(0, 2000),
      suggestion.normalized.slice(0, 2000),
      entry.slug,
      suggestion.score,
      suggestion.runnerUpSlug ?? null,
      sqlTime(new Date()),
      entry.id,
      outboxJson(rows, deps.leaseOutbox?.bind(deps)),
    ],
  );
  if (!row?.guard) return "moved";
  if (!row.won) return { outcome: "duplicate", outbox: [], ticketIds: [] };
  return { outcome: "faq_answer", ticketId: ticket.id, outbox: row.outbox, ticketIds: [] };
}

/**
 * $1 channel, $2 dedupe keys, $3 ticket, $4/$5 its status and version as read, $6
 * contact, $7 open statuses, $8 message id, $9 text, $10 chat id, $11 message id in the
 * chat, $12 now, $13..$18 the lookup, $19 written at, $20 the FAQ entry hit, $21 outbox
 * rows. The guard also holds the ticket to be the parent's latest open one, as
 * findOpenTicket would pick it now.
 */
const secondQuestionSql = `WITH guard AS (
  SELECT EXISTS (SELECT 1 FROM "Ticket" WHERE "id" = $3 AND "status" = $4::"TicketStatus" AND "updatedAt" = $5::timestamp)
     AND NOT EXISTS (SELECT 1 FROM "Ticket" WHERE "contactId" = $6 AND "id" <> $3
                       AND "status" = ANY($7::"TicketStatus"[]) AND "updatedAt" > $5::timestamp) AS ok
),
${claimCtes("$1", "$2", "(SELECT ok FROM guard)")},
m AS (
  INSERT INTO "Message" ("id", "ticketId", "direction", "text", "attachments", "externalChatId", "externalMessageId", "createdAt")
  SELECT $8, $3, 'in', $9, '[]'::jsonb, $10, $11, $12::timestamp FROM won WHERE won.ok
),
lookup AS (
  INSERT INTO "FaqLookup" ("id", "text", "normalized", "bestSlug", "score", "runnerUpSlug", "outcome", "channel", "contactId", "ticketId", "createdAt")
  SELECT $13, $14, $15, $16, $17, $18, 'answered', $1, $6, $3, $19::timestamp FROM won WHERE won.ok
),
hit AS (
  INSERT INTO "FaqEntryHit" ("entryId", "at")
  SELECT $20::integer, $19::timestamp FROM won WHERE won.ok
),
${outboxCte("$21", "$19")}
SELECT (SELECT ok FROM guard) AS "guard", (SELECT ok FROM won) AS "won", ${outboxResult}`;
