import type {
  OutboundChannel,
  ParentOutbound,
  RelayOutbound,
} from "../../outbound/outbound-message.js";

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
}

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
  SELECT EXISTS (
    SELECT 1 FROM "Inbox" s WHERE s."source" = ${channel}
      AND (s."otherKey" = ANY(${k}) OR s."dedupeKey" = ANY((${k})[2:]))
  ) AS yes
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

/** Inserts the rows of a JSON array (in order, so per-chat delivery order holds) once the claim is won. */
export function outboxCte(rows: string, at: string): string {
  return `
ob AS (
  INSERT INTO "Outbox" ("channel", "chatKey", "payload", "ticketId", "messageId", "createdAt")
  SELECT e.v->>'channel', e.v->>'chatKey', e.v->'payload', (e.v->>'ticketId')::int,
         (e.v->>'messageId')::int, ${at}::timestamp
  FROM jsonb_array_elements(${rows}::jsonb) WITH ORDINALITY AS e(v, n)
  WHERE (SELECT ok FROM won)
  ORDER BY e.n
  RETURNING "id", "channel", "chatKey"
)`;
}

/** The select list that hands back what the outbox CTE wrote. */
export const outboxResult = `COALESCE((SELECT json_agg(json_build_object('id', "id", 'channel', "channel", 'chatKey', "chatKey") ORDER BY "id") FROM ob), '[]'::json) AS "outbox"`;

export function outboxJson(rows: OutboxInsert[]): string {
  return JSON.stringify(rows);
}
