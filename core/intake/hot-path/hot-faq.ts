import { sql, type SqlRunner, sqlTime } from "../../db/index.js";
import { parentChatKey } from "../../outbound/record-outbound.js";
import type { ParentOutbound } from "../../outbound/outbound-message.js";
import { openStatuses } from "../../tickets/ticket-state.js";
import type { FaqSuggestion } from "../faq-advisor.js";
import {
  claimCtes,
  type OutboxRef,
  outboxCte,
  outboxJson,
  type OutboxLease,
  outboxResult,
} from "./write-fragments.js";
import type { HotContext, HotResult } from "./hot-context.js";

/**
 * An FAQ answer or a small-talk reply in ONE statement: the claim (only while the parent
 * still has no open ticket), the lookup log, the entry's hit (appended, folded later: see
 * core/faq/faq-hits.ts) and the reply. Returns
 * "moved" when a ticket was opened meanwhile, so the caller takes the careful path.
 */
export async function answerOnHotPath(
  runner: SqlRunner,
  ctx: HotContext,
  suggestion: FaqSuggestion,
  outcome: "answered" | "small_talk",
  reply: ParentOutbound,
  lease?: OutboxLease,
): Promise<HotResult | "moved"> {
  const { message, state } = ctx;
  const now = sqlTime(new Date());
  const rows = outboxJson(
    [
      {
        channel: message.channel,
        chatKey: parentChatKey(message.channel, state.contact.externalId),
        payload: reply,
        ticketId: null,
        messageId: null,
      },
    ],
    lease,
  );
  const [row] = await sql<{ guard: boolean; won: boolean; outbox: OutboxRef[] }>(
    runner,
    { name: "hot-faq", text: answerSql },
    [
      message.channel,
      ctx.eventKeys,
      state.contact.id,
      openStatuses,
      state.ids.lookup,
      message.text.slice(0, 2000),
      suggestion.normalized.slice(0, 2000),
      suggestion.entry?.slug ?? null,
      suggestion.score,
      suggestion.runnerUpSlug ?? null,
      outcome,
      now,
      outcome === "answered" ? (suggestion.entry?.id ?? null) : null,
      rows,
    ],
  );
  if (!row?.guard) return "moved";
  if (!row.won) return { outcome: "duplicate", outbox: [], ticketIds: [] };
  return {
    outcome: outcome === "answered" ? "faq_answer" : "small_talk",
    outbox: row.outbox,
    ticketIds: [],
  };
}

/**
 * $1 channel, $2 dedupe keys, $3 contact, $4 open statuses, $5..$11 the lookup, $12 now,
 * $13 the FAQ entry hit, $14 outbox rows.
 */
const answerSql = `WITH guard AS (
  SELECT NOT EXISTS (SELECT 1 FROM "Ticket" WHERE "contactId" = $3 AND "status" = ANY($4::"TicketStatus"[])) AS ok
),
${claimCtes("$1", "$2", "(SELECT ok FROM guard)")},
lookup AS (
  INSERT INTO "FaqLookup" ("id", "text", "normalized", "bestSlug", "score", "runnerUpSlug", "outcome", "channel", "contactId", "createdAt")
  SELECT $5, $6, $7, $8, $9, $10, $11, $1, $3, $12::timestamp FROM won WHERE won.ok
),
hit AS (
  INSERT INTO "FaqEntryHit" ("entryId", "at")
  SELECT $13::integer, $12::timestamp FROM won WHERE won.ok AND $13::integer IS NOT NULL
),
${outboxCte("$14", "$12")}
SELECT (SELECT ok FROM guard) AS "guard", (SELECT ok FROM won) AS "won", ${outboxResult}`;
