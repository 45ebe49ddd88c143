import { asLocale } from "../../contacts/contact-locale.js";
import { sql, type SqlRunner, sqlTime } from "../../db/index.js";
import type { ParentOutbound } from "../../outbound/outbound-message.js";
import { parentChatKey, relayChatKey } from "../../outbound/record-outbound.js";
import { MINUTE } from "../../shared/index.js";
import { clockChangeFor } from "../../sla/response-clock.js";
import { policyForLine } from "../../sla/sla-policy.js";
import { nextStatus } from "../../tickets/ticket-state.js";
import { ACK_REACTION } from "../append-to-ticket.js";
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
 * A text follow-up on the open ticket in ONE statement, as appendToTicket does it: the
 * claim (only while the ticket is unchanged since it was read: `updatedAt` is its
 * version), the stored message, the ticket's new status and clock, the staff copy and
 * the light acknowledgement. Returns "moved" when the ticket changed meanwhile.
 */
export async function appendOnHotPath(
  runner: SqlRunner,
  deps: IntakeDeps,
  ctx: HotContext,
): Promise<HotResult | "moved"> {
  const { message, state } = ctx;
  const { contact, ids } = state;
  const ticket = state.openTicket;
  if (!ticket) return "moved";
  let status;
  try {
    status = nextStatus(ticket.status, "parent_message");
  } catch {
    return "moved";
  }
  const now = deps.clock.now();
  const change = clockChangeFor(
    ticket,
    status,
    now,
    policyForLine(deps.policy, ticket.category),
  ) as Partial<Record<(typeof clockFields)[number], Date | null>>;
  const chatKey = parentChatKey(contact.channel, contact.externalId);
  const rows: OutboxInsert[] = [];
  if (deps.settings.relayEnabled)
    rows.push({
      channel: "relay",
      chatKey: relayChatKey,
      payload: { op: "parent_message", ticketId: ticket.id, messageId: ids.message },
      ticketId: ticket.id,
      messageId: null,
    });
  const ack = acknowledgement(deps, ctx, now);
  if (ack)
    rows.push({
      channel: contact.channel,
      chatKey,
      payload: ack.payload,
      ticketId: ack.ticketId,
      messageId: null,
    });
  const clockValues = clockFields.flatMap((field) => [
    field in change,
    change[field] ? sqlTime(change[field]) : null,
  ]);
  const [row] = await sql<{
    guard: boolean;
    won: boolean;
    outbox: OutboxRef[];
    notified: string[];
  }>(runner, { name: "hot-followup", text: appendSql }, [
    message.channel,
    ctx.eventKeys,
    ticket.id,
    ticket.status,
    sqlTime(ticket.updatedAt),
    ids.message,
    message.text,
    contact.externalId,
    message.externalMessageId ?? null,
    sqlTime(now),
    status,
    sqlTime(new Date()),
    ...clockValues,
    contact.id,
    ack?.marksContact ?? false,
    outboxJson(rows, deps.leaseOutbox?.bind(deps)),
  ]);
  if (!row?.guard) return "moved";
  if (!row.won) return { outcome: "duplicate", outbox: [], ticketIds: [] };
  // The SLA timers follow the status and the response clock (see ticketTimers): a
  // follow-up that moves neither (the usual one, while agents have not answered yet)
  // leaves them as they are. When they move, they follow from what was just written, so
  // rescheduling them reads nothing.
  const timersMove = status !== ticket.status || Object.keys(change).length > 0;
  if (!timersMove)
    return { outcome: "appended", ticketId: ticket.id, outbox: row.outbox, ticketIds: [] };
  const knownTimers =
    status === "new" || status === "waiting_agent"
      ? [
          {
            id: ticket.id,
            status,
            category: ticket.category,
            responseDueAt:
              "responseDueAt" in change ? (change.responseDueAt ?? null) : ticket.responseDueAt,
            notified: row.notified,
          },
        ]
      : undefined;
  return {
    outcome: "appended",
    ticketId: ticket.id,
    outbox: row.outbox,
    ticketIds: [ticket.id],
    knownTimers,
  };
}

/**
 * $1 channel, $2 dedupe keys, $3 ticket, $4/$5 its status and version as read, $6 message
 * id, $7 text, $8 chat id, $9 message id in the chat, $10 now, $11 new status, $12 written
 * at, $13..$18 the clock fields (whether set, value), $19 contact, $20 marks the ack, $21
 * outbox rows. Also reads the ticket's SLA event keys, for its timers.
 */
const appendSql = `WITH guard AS (
  SELECT EXISTS (SELECT 1 FROM "Ticket" WHERE "id" = $3 AND "status" = $4::"TicketStatus" AND "updatedAt" = $5::timestamp) AS ok
),
${claimCtes("$1", "$2", "(SELECT ok FROM guard)")},
m AS (
  INSERT INTO "Message" ("id", "ticketId", "direction", "text", "attachments", "externalChatId", "externalMessageId", "createdAt")
  SELECT $6, $3, 'in', $7, '[]'::jsonb, $8, $9, $10::timestamp FROM won WHERE won.ok
),
t AS (
  UPDATE "Ticket" SET "status" = $11::"TicketStatus", "lastParentAt" = $10::timestamp, "updatedAt" = $12::timestamp,
    "responseDueAt" = CASE WHEN $13::boolean THEN $14::timestamp ELSE "responseDueAt" END,
    "firstResponseAt" = CASE WHEN $15::boolean THEN $16::timestamp ELSE "firstResponseAt" END,
    "firstResponseDueAt" = CASE WHEN $17::boolean THEN $18::timestamp ELSE "firstResponseDueAt" END
  WHERE "id" = $3 AND (SELECT ok FROM won)
),
acked AS (
  UPDATE "Contact" SET "lastAckAt" = $10::timestamp, "updatedAt" = $12::timestamp
  WHERE "id" = $19 AND $20::boolean AND (SELECT ok FROM won)
),
${outboxCte("$21", "$12")}
SELECT (SELECT ok FROM guard) AS "guard", (SELECT ok FROM won) AS "won", ${outboxResult},
       ARRAY(SELECT "key" FROM "SlaEvent" WHERE "ticketId" = $3) AS "notified"`;

/** A reaction on Telegram; elsewhere one short line at most every few minutes (see appendToTicket). */
function acknowledgement(
  deps: IntakeDeps,
  ctx: HotContext,
  now: Date,
): { payload: ParentOutbound; ticketId: number | null; marksContact: boolean } | null {
  const { contact, openTicket } = ctx.state;
  if (contact.channel === "telegram" && ctx.message.externalMessageId)
    return {
      payload: { type: "reaction", messageId: ctx.message.externalMessageId, emoji: ACK_REACTION },
      ticketId: null,
      marksContact: false,
    };
  const quiet =
    contact.lastAckAt &&
    now.getTime() - contact.lastAckAt.getTime() < deps.settings.ackIntervalMinutes * MINUTE;
  if (quiet || !openTicket) return null;
  const text = deps.i18n.t(asLocale(contact.locale), "followup-ack", { number: openTicket.number });
  return { payload: { type: "text", text }, ticketId: openTicket.id, marksContact: true };
}
