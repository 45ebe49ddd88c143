import { randomBytes } from "node:crypto";
import { asLocale } from "../../contacts/contact-locale.js";
import { isSqlUniqueViolation, sql, type SqlRunner, sqlTime } from "../../db/index.js";
import { parentChatKey, relayChatKey } from "../../outbound/record-outbound.js";
import { policyForLine, responseDue } from "../../sla/sla-policy.js";
import { openStatuses } from "../../tickets/ticket-state.js";
import type { TicketCategory } from "../../tickets/open-ticket.js";
import type { FaqSuggestion } from "../faq-advisor.js";
import type { IntakeDeps } from "../intake-deps.js";
import { municipalityPromptFrom } from "../municipality-prompt.js";
import { openedReplyText } from "../open-parent-ticket.js";
import { ticketOpenedLine } from "../parent-due-text.js";
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
 * Stands for the ticket number in the reply rendered before the number exists; the
 * statement that takes the number puts it in (as `value::text`: the texts show numbers
 * ungrouped, see createI18n). Random per process, so no other text can contain it.
 */
const NUMBER_TOKEN = `TicketNumber${randomBytes(8).toString("hex")}`;

/**
 * A new ticket for a question the FAQ escalated, in ONE autocommit statement: the claim,
 * the next ticket number, the ticket, the parent's message, the lookup log, the
 * municipality question's mark and every reply. The counter row is locked only while
 * PostgreSQL runs that statement (no round trip to Node in between), and a statement that
 * fails gives its number back, so numbers stay gapless. The replies are rendered
 * beforehand with NUMBER_TOKEN where the number goes. Returns "moved" when the parent got
 * an open ticket meanwhile (or a concurrent one won the unique index): the careful path
 * takes over.
 */
export async function openTicketOnHotPath(
  runner: SqlRunner,
  deps: IntakeDeps,
  ctx: HotContext,
  suggestion: FaqSuggestion,
): Promise<HotResult | "moved"> {
  const { message, state } = ctx;
  const { contact, ids } = state;
  const now = deps.clock.now();
  const inferred = deps.faq.inferCategory(message.text);
  const category: TicketCategory = inferred ?? "other";
  const due = responseDue(policyForLine(deps.policy, category), now);
  const locale = asLocale(contact.locale);
  const offers = suggestion.offers ?? [];
  const ticket = { id: ids.ticket };
  const zone = contact.timeZone ?? deps.settings.defaultTimeZone;
  const chatKey = parentChatKey(contact.channel, contact.externalId);
  const openedLine = ticketOpenedLine(deps, locale, zone, {
    number: NUMBER_TOKEN,
    createdAt: now,
    firstResponseDueAt: due,
  });
  const rows: OutboxInsert[] = [
    {
      channel: contact.channel,
      chatKey,
      payload: openedReplyText(deps, locale, ticket, openedLine, inferred === undefined, offers),
      ticketId: ticket.id,
      messageId: null,
    },
  ];
  if (deps.settings.relayEnabled)
    rows.push({
      channel: "relay",
      chatKey: relayChatKey,
      payload: { op: "open_topic", ticketId: ticket.id },
      ticketId: ticket.id,
      messageId: null,
    });
  const prompt =
    state.municipalityCount !== null
      ? municipalityPromptFrom(
          deps.i18n,
          locale,
          0,
          state.municipalityCount,
          state.municipalityPage ?? [],
        )
      : null;
  if (prompt)
    rows.push({
      channel: contact.channel,
      chatKey,
      payload: prompt,
      ticketId: null,
      messageId: null,
    });
  let row;
  try {
    [row] = await sql<{ guard: boolean; won: boolean; number: number | null; outbox: OutboxRef[] }>(
      runner,
      { name: "hot-ticket", text: openTicketSql },
      [
        message.channel,
        ctx.eventKeys,
        contact.id,
        openStatuses,
        ticket.id,
        category,
        contact.municipalityId,
        message.text.slice(0, 200),
        sqlTime(now),
        sqlTime(new Date()),
        sqlTime(due),
        ids.message,
        message.text,
        contact.externalId,
        message.externalMessageId ?? null,
        ids.lookup,
        message.text.slice(0, 2000),
        suggestion.normalized.slice(0, 2000),
        // Escalated: the likeliest offer names the entry this question most likely needs.
        suggestion.entry?.slug ?? offers[0]?.slug ?? null,
        suggestion.score,
        suggestion.runnerUpSlug ?? null,
        prompt !== null,
        outboxJson(rows, deps.leaseOutbox?.bind(deps)),
        offers.map((offer) => offer.slug),
        NUMBER_TOKEN,
      ],
    );
  } catch (error) {
    // Another message of this parent opened the ticket first: append to it instead.
    if (isSqlUniqueViolation(error, "Ticket_one_open_per_contact_category")) return "moved";
    throw error;
  }
  if (!row?.guard) return "moved";
  if (!row.won) return duplicate;
  return {
    outcome: "ticket_opened",
    ticketId: ticket.id,
    outbox: row.outbox,
    ticketIds: [ticket.id],
    newTickets: [{ id: ticket.id, responseDueAt: due, category }],
  };
}

/**
 * $1 channel, $2 dedupe keys, $3 contact, $4 open statuses, $5 ticket id, $6 category,
 * $7 municipality, $8 subject, $9 now, $10 written at, $11 due, $12 message id, $13 text,
 * $14 chat id, $15 message id in the chat, $16..$21 the lookup, $22 ask municipality,
 * $23 outbox rows, $24 FAQ offers, $25 the number token.
 *
 * The number comes from the ticket's sequence (the column's default), which locks
 * nothing: a counter row held every new ticket behind the one before it until its commit.
 * `m` and `lookup` name the ticket by its id taken in advance (foreign keys are checked at
 * the end of the statement).
 */
const openTicketSql = `WITH guard AS (
  SELECT NOT EXISTS (SELECT 1 FROM "Ticket" WHERE "contactId" = $3 AND "status" = ANY($4::"TicketStatus"[])) AS ok
),
${claimCtes("$1", "$2", "(SELECT ok FROM guard)")},
m AS (
  INSERT INTO "Message" ("id", "ticketId", "direction", "text", "attachments", "externalChatId", "externalMessageId", "createdAt")
  SELECT $12, $5, 'in', $13, '[]'::jsonb, $14, $15, $9::timestamp FROM won WHERE won.ok
  RETURNING 1
),
lookup AS (
  INSERT INTO "FaqLookup" ("id", "text", "normalized", "bestSlug", "score", "runnerUpSlug", "outcome", "channel", "contactId", "ticketId", "createdAt")
  SELECT $16, $17, $18, $19, $20, $21, 'escalated', $1, $3, $5, $10::timestamp FROM won WHERE won.ok
  RETURNING 1
),
t AS (
  INSERT INTO "Ticket" ("id", "contactId", "category", "municipalityId", "subject", "faqOffered",
                        "createdAt", "updatedAt", "firstResponseDueAt", "responseDueAt", "lastParentAt")
  SELECT $5, $3, $6::"TicketCategory", $7, $8, $24::text[], $9::timestamp, $10::timestamp, $11::timestamp, $11::timestamp, $9::timestamp
  FROM won WHERE won.ok
  RETURNING "id", "number"
),
asked AS (
  UPDATE "Contact" SET "municipalityAskedAt" = $9::timestamp, "updatedAt" = $10::timestamp
  WHERE "id" = $3 AND $22::boolean AND EXISTS (SELECT 1 FROM t)
),
${outboxCte(`replace($23::text, $25::text, (SELECT "number" FROM t)::text)`, "$10")}
SELECT (SELECT ok FROM guard) AS "guard", (SELECT ok FROM won) AS "won",
       (SELECT count(*) FROM m) + (SELECT count(*) FROM lookup) AS "written",
       (SELECT "number" FROM t) AS "number", ${outboxResult}`;

const duplicate: HotResult = { outcome: "duplicate", outbox: [], ticketIds: [] };
