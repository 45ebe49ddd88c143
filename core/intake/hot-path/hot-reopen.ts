import { asLocale } from "../../contacts/contact-locale.js";
import { isSqlUniqueViolation, sql, type SqlRunner, sqlTime } from "../../db/index.js";
import { formatDueTime } from "../../i18n/index.js";
import { parentChatKey, relayChatKey } from "../../outbound/record-outbound.js";
import { clockChangeFor } from "../../sla/response-clock.js";
import { policyForLine } from "../../sla/sla-policy.js";
import { nextStatus, openStatuses } from "../../tickets/ticket-state.js";
import type { FaqSuggestion } from "../faq-advisor.js";
import type { IntakeDeps } from "../intake-deps.js";
import type { HotContext, HotResult } from "./hot-context.js";
import {
  claimCtes,
  type OutboxInsert,
  type OutboxRef,
  outboxCte,
  outboxJson,
  outboxResult,
} from "./write-fragments.js";

const clockFields = ["responseDueAt", "firstResponseAt", "firstResponseDueAt"] as const;

/**
 * A question the FAQ escalated, shortly after the parent's ticket was solved, in ONE
 * statement, as answerFromFaq and reopenWithMessage do it: the claim (only while the
 * parent still has no open ticket and the solved ticket is still the one read, unchanged
 * and locked for the statement), the ticket back to waiting for an agent with a new
 * response deadline, the message on it, the lookup logged as "reopened", the new due time
 * to the parent and the topic's sync, notice and copy. Returns "moved" when anything of
 * that changed meanwhile: the general path decides again on what it finds.
 */
export async function reopenOnHotPath(
  runner: SqlRunner,
  deps: IntakeDeps,
  ctx: HotContext,
  suggestion: FaqSuggestion,
): Promise<HotResult | "moved"> {
  const { message, state } = ctx;
  const { contact, ids } = state;
  const ticket = state.recentlyResolved;
  if (!ticket || state.openTicket) return "moved";
  let status;
  try {
    status = nextStatus(ticket.status, "reopen");
  } catch {
    return "moved";
  }
  if (status !== "waiting_agent") return "moved";
  const now = deps.clock.now();
  const change = clockChangeFor(
    ticket,
    status,
    now,
    policyForLine(deps.policy, ticket.category),
  ) as Partial<Record<(typeof clockFields)[number], Date | null>>;
  const after = { ...ticket, ...change };
  const locale = asLocale(contact.locale);
  const zone = contact.timeZone ?? deps.settings.defaultTimeZone;
  // As tellParentReopened: the reply owed now, else the first promise (which never moves).
  const dueAt = after.responseDueAt ?? ticket.firstResponseDueAt;
  const due = formatDueTime(dueAt, locale, zone, now);
  const rows: OutboxInsert[] = [
    {
      channel: contact.channel,
      chatKey: parentChatKey(contact.channel, contact.externalId),
      payload: {
        type: "text",
        text: deps.i18n.t(locale, "ticket-reopened", { number: ticket.number, due }),
      },
      ticketId: ticket.id,
      messageId: null,
    },
  ];
  if (deps.settings.relayEnabled)
    rows.push(
      ...[
        { op: "sync_topic" as const, ticketId: ticket.id },
        {
          op: "notice" as const,
          ticketId: ticket.id,
          key: "relay-notice-reopened-by-parent",
          args: {},
        },
        { op: "parent_message" as const, ticketId: ticket.id, messageId: ids.message },
      ].map((payload) => ({
        channel: "relay" as const,
        chatKey: relayChatKey,
        payload,
        ticketId: ticket.id,
        messageId: null,
      })),
    );
  const clockValues = clockFields.flatMap((field) => [
    field in change,
    change[field] ? sqlTime(change[field]) : null,
  ]);
  const offers = suggestion.offers ?? [];
  let row;
  try {
    [row] = await sql<{ guard: boolean; won: boolean; outbox: OutboxRef[]; notified: string[] }>(
      runner,
      { name: "hot-reopen", text: reopenSql },
      [
        message.channel,
        ctx.eventKeys,
        contact.id,
        openStatuses,
        ticket.id,
        sqlTime(ticket.updatedAt),
        sqlTime(ticket.resolvedAt),
        ids.message,
        message.text,
        contact.externalId,
        message.externalMessageId ?? null,
        sqlTime(now),
        sqlTime(new Date()),
        status,
        ...clockValues,
        ids.lookup,
        message.text.slice(0, 2000),
        suggestion.normalized.slice(0, 2000),
        // Unanswered, the likeliest offer names the entry the question most likely needs.
        suggestion.entry?.slug ?? offers[0]?.slug ?? null,
        suggestion.score,
        suggestion.runnerUpSlug ?? null,
        outboxJson(rows, deps.leaseOutbox?.bind(deps)),
      ],
    );
  } catch (error) {
    // A ticket of the same line was opened meanwhile: the general path opens or appends.
    if (isSqlUniqueViolation(error, "Ticket_one_open_per_contact_category")) return "moved";
    throw error;
  }
  if (!row?.guard) return "moved";
  if (!row.won) return { outcome: "duplicate", outbox: [], ticketIds: [] };
  return {
    outcome: "appended",
    ticketId: ticket.id,
    outbox: row.outbox,
    ticketIds: [ticket.id],
    // Its timers follow from what was just written (see ticketTimers): nothing to read.
    knownTimers: [
      {
        id: ticket.id,
        status,
        category: ticket.category,
        responseDueAt: after.responseDueAt,
        notified: row.notified,
      },
    ],
  };
}

/**
 * $1 channel, $2 dedupe keys, $3 contact, $4 open statuses, $5 ticket, $6/$7 its version
 * and solving time as read, $8 message id, $9 text, $10 chat id, $11 message id in the
 * chat, $12 now, $13 written at, $14 new status, $15..$20 the clock fields (whether set,
 * value), $21..$26 the lookup, $27 outbox rows. Also reads the ticket's SLA event keys,
 * for its timers.
 *
 * `locked` takes the ticket's row lock and checks it again on its latest version (READ
 * COMMITTED), so a change committed after the statement's snapshot fails the guard
 * instead of being overwritten; no later solved ticket may have appeared either.
 */
const reopenSql = `WITH locked AS (
  SELECT "id" FROM "Ticket" WHERE "id" = $5 AND "status" = 'resolved' AND "updatedAt" = $6::timestamp
  FOR UPDATE
),
guard AS (
  SELECT EXISTS (SELECT 1 FROM locked)
     AND NOT EXISTS (SELECT 1 FROM "Ticket" WHERE "contactId" = $3 AND "status" = ANY($4::"TicketStatus"[]))
     AND NOT EXISTS (SELECT 1 FROM "Ticket" WHERE "contactId" = $3 AND "status" = 'resolved' AND "resolvedAt" > $7::timestamp) AS ok
),
${claimCtes("$1", "$2", "(SELECT ok FROM guard)")},
t AS (
  UPDATE "Ticket" SET "status" = $14::"TicketStatus", "updatedAt" = $13::timestamp,
    "resolvedAt" = NULL, "closedAt" = NULL, "rating" = NULL, "ratedAt" = NULL,
    "responseDueAt" = CASE WHEN $15::boolean THEN $16::timestamp ELSE "responseDueAt" END,
    "firstResponseAt" = CASE WHEN $17::boolean THEN $18::timestamp ELSE "firstResponseAt" END,
    "firstResponseDueAt" = CASE WHEN $19::boolean THEN $20::timestamp ELSE "firstResponseDueAt" END
  WHERE "id" = $5 AND (SELECT ok FROM won)
),
m AS (
  INSERT INTO "Message" ("id", "ticketId", "direction", "text", "attachments", "externalChatId", "externalMessageId", "createdAt")
  SELECT $8, $5, 'in', $9, '[]'::jsonb, $10, $11, $12::timestamp FROM won WHERE won.ok
),
lookup AS (
  INSERT INTO "FaqLookup" ("id", "text", "normalized", "bestSlug", "score", "runnerUpSlug", "outcome", "channel", "contactId", "ticketId", "createdAt")
  SELECT $21, $22, $23, $24, $25, $26, 'reopened', $1, $3, $5, $13::timestamp FROM won WHERE won.ok
),
${outboxCte("$27", "$13")}
SELECT (SELECT ok FROM guard) AS "guard", (SELECT ok FROM won) AS "won", ${outboxResult},
       ARRAY(SELECT "key" FROM "SlaEvent" WHERE "ticketId" = $5) AS "notified"`;
