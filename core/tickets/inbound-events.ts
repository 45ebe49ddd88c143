import type { Tx } from "../db/index.js";

/**
 * Claims the delivery's dedupe keys inside the caller's transaction, on the inbox (the
 * inbox row IS the claim): the update's own row (the first key) is marked done (its raw
 * update dropped) and takes the second key (the message's own) as `otherKey`, so an
 * update costs one inbox row; any further key gets a row that is done at once. Returns
 * false when any key was seen before: the message is a redelivery and must not act again.
 * Concurrent copies wait on the row (or on the otherKey's unique index) until the first
 * commits, so exactly one wins. The hot path's twin is claimCtes (write-fragments.ts).
 */
export async function claimInboundEvent(
  tx: Tx,
  channel: string,
  eventKeys: string[],
): Promise<boolean> {
  const keys = [...new Set(eventKeys)];
  const [row] = await tx.$queryRaw<{ won: boolean }[]>`
    WITH seen AS (
      SELECT EXISTS (
        SELECT 1 FROM "Inbox" s WHERE s."source" = ${channel}
          AND (s."otherKey" = ANY(${keys}::text[]) OR s."dedupeKey" = ANY((${keys}::text[])[2:]))
      ) AS yes
    ),
    claim AS (
      INSERT INTO "Inbox" ("source", "dedupeKey", "otherKey", "doneAt")
      SELECT ${channel}, (${keys}::text[])[1], CASE WHEN s.yes THEN NULL ELSE (${keys}::text[])[2] END,
             (now() AT TIME ZONE 'UTC')
      FROM seen s
      ON CONFLICT ("source", "dedupeKey") DO UPDATE
        SET "doneAt" = EXCLUDED."doneAt", "otherKey" = EXCLUDED."otherKey", "leaseUntil" = NULL, "payload" = NULL
        WHERE "Inbox"."doneAt" IS NULL
      RETURNING 1
    ),
    extra AS (
      INSERT INTO "Inbox" ("source", "dedupeKey", "doneAt")
      SELECT ${channel}, k, (now() AT TIME ZONE 'UTC') FROM unnest((${keys}::text[])[3:]) AS k
      ON CONFLICT ("source", "dedupeKey") DO UPDATE
        SET "doneAt" = EXCLUDED."doneAt", "leaseUntil" = NULL, "payload" = NULL
        WHERE "Inbox"."doneAt" IS NULL
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM claim) = 1 AND NOT (SELECT yes FROM seen)
       AND (SELECT count(*) FROM extra) = greatest(cardinality(${keys}::text[]) - 2, 0) AS "won"`;
  return row?.won ?? false;
}

/** For adapters that only need to know whether an event (e.g. a button press) was seen. */
export async function claimOnce(
  db: { $transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> },
  channel: string,
  eventKey: string,
): Promise<boolean> {
  return db.$transaction((tx) => claimInboundEvent(tx, channel, [eventKey]));
}
