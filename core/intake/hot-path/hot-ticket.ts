import type pg from "pg";
import { asLocale } from "../../contacts/contact-locale.js";
import { inSqlTransaction, isSqlUniqueViolation, sql, sqlTime } from "../../db/index.js";
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
 * A new ticket for a question the FAQ escalated, in one transaction of two statements:
 * the claim with the next ticket number (the counter row stays locked, so numbers are
 * gapless), then the ticket, the parent's message, the lookup log, the municipality
 * question's mark and every reply. Returns "moved" when the parent got an open ticket
 * meanwhile (or a concurrent one won the unique index): the careful path takes over.
 */
export async function openTicketOnHotPath(
  pool: pg.Pool,
  deps: IntakeDeps,
  ctx: HotContext,
  suggestion: FaqSuggestion,
): Promise<HotResult | "moved"> {
  const { message, state } = ctx;
  const { contact, ids } = state;
  const now = deps.clock.now();
  const category: TicketCategory = deps.faq.inferCategory(message.text) ?? "other";
  const askCategory = deps.faq.inferCategory(message.text) === undefined;
  const due = responseDue(policyForLine(deps.policy, category), now);
  const locale = asLocale(contact.locale);
  const offers = suggestion.offers ?? [];
  try {
    return await inSqlTransaction<HotResult | "moved">(pool, async (client) => {
      const [claim] = await sql<{ guard: boolean; won: boolean; number: number | null }>(
        client,
        `WITH guard AS (
  SELECT NOT EXISTS (SELECT 1 FROM "Ticket" WHERE "contactId" = $3 AND "status" = ANY($4::"TicketStatus"[])) AS ok
),
${claimCtes("$1", "$2", "(SELECT ok FROM guard)")},
num AS (UPDATE "TicketCounter" SET "value" = "value" + 1 WHERE "id" = 1 AND (SELECT ok FROM won) RETURNING "value")
SELECT (SELECT ok FROM guard) AS "guard", (SELECT ok FROM won) AS "won", (SELECT "value" FROM num) AS "number"`,
        [message.channel, ctx.eventKeys, contact.id, openStatuses],
      );
      if (!claim?.guard) return { value: "moved" as const, rollback: true };
      if (!claim.won) return { value: duplicate, rollback: true };
      if (claim.number === null)
        throw new Error("TicketCounter row 1 is missing: run the migrations (npm run db:migrate).");
      const ticket = { id: ids.ticket, number: claim.number };
      const zone = contact.timeZone ?? deps.settings.defaultTimeZone;
      const chatKey = parentChatKey(contact.channel, contact.externalId);
      const openedLine = ticketOpenedLine(deps, locale, zone, {
        number: ticket.number,
        createdAt: now,
        firstResponseDueAt: due,
      });
      const rows: OutboxInsert[] = [
        {
          channel: contact.channel,
          chatKey,
          payload: openedReplyText(deps, locale, ticket, openedLine, askCategory, offers),
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
      const [written] = await sql<{ outbox: OutboxRef[] }>(
        client,
        `WITH won AS (SELECT true AS ok),
t AS (
  INSERT INTO "Ticket" ("id", "number", "contactId", "category", "municipalityId", "subject", "faqOffered",
                        "createdAt", "updatedAt", "firstResponseDueAt", "responseDueAt", "lastParentAt")
  VALUES ($1, $2, $3, $4::"TicketCategory", $5, $6, $23::text[], $7::timestamp, $8::timestamp, $9::timestamp, $9::timestamp, $7::timestamp)
  RETURNING "id"
),
m AS (
  INSERT INTO "Message" ("id", "ticketId", "direction", "text", "attachments", "externalChatId", "externalMessageId", "createdAt")
  SELECT $10, t."id", 'in', $11, '[]'::jsonb, $12, $13, $7::timestamp FROM t
),
lookup AS (
  INSERT INTO "FaqLookup" ("id", "text", "normalized", "bestSlug", "score", "runnerUpSlug", "outcome", "channel", "contactId", "ticketId", "createdAt")
  SELECT $14, $15, $16, $17, $18, $19, 'escalated', $20, $3, t."id", $8::timestamp FROM t
),
asked AS (
  UPDATE "Contact" SET "municipalityAskedAt" = $7::timestamp, "updatedAt" = $8::timestamp
  WHERE "id" = $3 AND $21::boolean
),
${outboxCte("$22", "$8")}
SELECT ${outboxResult}`,
        [
          ticket.id,
          ticket.number,
          contact.id,
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
          message.channel,
          prompt !== null,
          outboxJson(rows),
          offers.map((offer) => offer.slug),
        ],
      );
      return {
        value: {
          outcome: "ticket_opened" as const,
          ticketId: ticket.id,
          outbox: written?.outbox ?? [],
          ticketIds: [ticket.id],
          newTickets: [{ id: ticket.id, responseDueAt: due, category }],
        },
      };
    });
  } catch (error) {
    // Another message of this parent opened the ticket first: append to it instead.
    if (isSqlUniqueViolation(error, "Ticket_one_open_per_contact_category")) return "moved";
    throw error;
  }
}

const duplicate: HotResult = { outcome: "duplicate", outbox: [], ticketIds: [] };
