import type {
  OutboundChannel,
  ParentOutbound,
  RelayOutbound,
} from "../../outbound/outbound-message.js";
import type { DispatchRow } from "../../outbound/outbox-dispatcher.js";

/** One outbox row as the hot path writes it (see recordOutbound for the Prisma twin). */
export interface OutboxInsert {
  channel: OutboundChannel;
  chatKey: string;
  payload: ParentOutbound | RelayOutbound;
  ticketId: number | null;
  messageId: number | null;
}

/** What the dispatcher needs of a committed row to start its delivery. */
export interface OutboxRef {
  id: number;
  channel: OutboundChannel;
  chatKey: string;
  /** Written leased to this process (see outboxCte): what sending it needs. */
  leased: {
    payload: unknown;
    ticketId: number | null;
    messageId: number | null;
    leaseUntil: string;
  } | null;
}

/** The lease this process gives a new row of the channel (see IntakeDeps.leaseOutbox). */
export type OutboxLease = (channel: OutboundChannel) => { until: Date; by: string } | undefined;

/**
 * The dedupe claim inside one statement, on the inbox (see claimInboundEvent, its Prisma
 * twin): when `guard` holds, the update's own row (the first key) is marked done (its raw
 * update dropped: never read again) and takes the second key (the message's own) as
 * `otherKey`, so an update costs one inbox row; any further key gets a done row of its
 * own. `won` is true when no key was seen before (as a row's key or another's otherKey, or
 * a bare claim row of an older version). `keys` must hold distinct keys.
 */
export function claimCtes(channel: string, keys: string, guard: string): string {
  const k = `${keys}::text[]`;
  return `
seen AS (
  -- Two probes of the two unique indexes, not one condition with OR: a named statement's
  -- generic plan, made while the table was small, read the OR with a scan of every row,
  -- and the done rows (the dedupe keys) grow with the traffic.
  SELECT EXISTS (SELECT 1 FROM "Inbox" s WHERE s."source" = ${channel} AND s."otherKey" = ANY(${k}))
      OR EXISTS (SELECT 1 FROM "Inbox" s WHERE s."source" = ${channel} AND s."dedupeKey" = ANY((${k})[2:]))
      AS yes
),
claim AS (
  INSERT INTO "Inbox" ("source", "dedupeKey", "otherKey", "doneAt")
  SELECT ${channel}, (${k})[1], CASE WHEN s.yes THEN NULL ELSE (${k})[2] END, (now() AT TIME ZONE 'UTC')
  FROM seen s WHERE ${guard}
  ON CONFLICT ("source", "dedupeKey") DO UPDATE SET "doneAt" = EXCLUDED."doneAt", "otherKey" = EXCLUDED."otherKey", "leaseUntil" = NULL, "payload" = NULL
    WHERE "Inbox"."doneAt" IS NULL
  RETURNING 1
),
extra AS (
  INSERT INTO "Inbox" ("source", "dedupeKey", "doneAt")
  SELECT ${channel}, k, (now() AT TIME ZONE 'UTC') FROM unnest((${k})[3:]) AS k WHERE ${guard}
  ON CONFLICT ("source", "dedupeKey") DO UPDATE SET "doneAt" = EXCLUDED."doneAt", "leaseUntil" = NULL, "payload" = NULL
    WHERE "Inbox"."doneAt" IS NULL
  RETURNING 1
),
won AS (
  SELECT (SELECT count(*) FROM claim) = 1 AND NOT (SELECT yes FROM seen)
     AND (SELECT count(*) FROM extra) = greatest(cardinality(${k}) - 2, 0) AS ok
)`;
}

/**
 * Inserts the rows of a JSON array (in order, so per-chat delivery order holds) once the
 * claim is won. A row that carries `leaseUntil` (for a process that sends it at once) is
 * written claimed, "sending" under that lease, when no older row of its chat is unsent:
 * its writer sends it with no claim statement. Every row of a chat in the array sees the
 * same older rows (not each other), so they are leased all or none. Older rows are seen
 * through this statement's snapshot: a row another transaction commits meanwhile may go
 * out alongside (their order was never decided anyway).
 */
export function outboxCte(rows: string, at: string): string {
  return `
ob AS (
  INSERT INTO "Outbox" ("channel", "chatKey", "payload", "ticketId", "messageId", "createdAt", "status", "leaseUntil", "leasedBy")
  SELECT e.v->>'channel', e.v->>'chatKey', e.v->'payload', (e.v->>'ticketId')::int,
         (e.v->>'messageId')::int, ${at}::timestamp,
         CASE WHEN l.ok THEN 'sending' ELSE 'pending' END::"OutboxStatus",
         CASE WHEN l.ok THEN (e.v->>'leaseUntil')::timestamptz END,
         CASE WHEN l.ok THEN e.v->>'leasedBy' END
  FROM jsonb_array_elements(${rows}::jsonb) WITH ORDINALITY AS e(v, n)
  CROSS JOIN LATERAL (
    -- OFFSET 0 keeps it a probe of the chat's unsent rows per row written: the planner,
    -- expecting 100 rows from jsonb_array_elements, otherwise hashed every unsent row of
    -- every chat once per statement, thousands while the staff group's budget is spent.
    SELECT e.v ? 'leaseUntil' AND NOT EXISTS (
      SELECT 1 FROM "Outbox" u
      WHERE u."chatKey" = e.v->>'chatKey' AND u."status" IN ('pending', 'sending') OFFSET 0
    ) AS ok
  ) l
  WHERE (SELECT ok FROM won)
  ORDER BY e.n
  RETURNING "id", "channel", "chatKey", "status", "payload", "ticketId", "messageId", "leaseUntil"
)`;
}

/** The select list that hands back what the outbox CTE wrote. */
export const outboxResult = `COALESCE((SELECT json_agg(json_build_object('id', "id", 'channel', "channel", 'chatKey', "chatKey",
  'leased', CASE WHEN "status" = 'sending' THEN json_build_object('payload', "payload", 'ticketId', "ticketId", 'messageId', "messageId", 'leaseUntil', "leaseUntil") END
) ORDER BY "id") FROM ob), '[]'::json) AS "outbox"`;

/** The rows as JSON, each offered the lease `lease` gives its channel. */
export function outboxJson(rows: OutboxInsert[], lease?: OutboxLease): string {
  return JSON.stringify(
    rows.map((row) => {
      const given = lease?.(row.channel);
      return given ? { ...row, leaseUntil: given.until.toISOString(), leasedBy: given.by } : row;
    }),
  );
}

/** What the dispatcher is handed of the rows the statement wrote. */
export function dispatchRowsOf(refs: OutboxRef[]): DispatchRow[] {
  return refs.map(({ leased, ...ref }) =>
    leased
      ? { ...ref, leased: { ...ref, ...leased, leaseUntil: new Date(leased.leaseUntil) } }
      : ref,
  );
}
