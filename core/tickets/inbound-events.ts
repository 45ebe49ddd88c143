import type { Tx } from "../db/index.js";

/**
 * Claims the delivery's dedupe keys inside the caller's transaction, on the inbox (the
 * inbox row IS the claim): an update's own row is marked done (its raw update dropped), any other key gets a row
 * that is done at once. Returns false when any key was done before: the message is a
 * redelivery and must not act again. Concurrent copies wait on the row until the first
 * commits, so exactly one wins.
 */
export async function claimInboundEvent(
  tx: Tx,
  channel: string,
  eventKeys: string[],
): Promise<boolean> {
  const keys = [...new Set(eventKeys)];
  const claimed = await tx.$queryRaw<{ one: number }[]>`
    INSERT INTO "Inbox" ("source", "dedupeKey", "doneAt")
    SELECT ${channel}, key, (now() AT TIME ZONE 'UTC') FROM unnest(${keys}::text[]) AS key
    ON CONFLICT ("source", "dedupeKey") DO UPDATE
      SET "doneAt" = EXCLUDED."doneAt", "leaseUntil" = NULL, "payload" = NULL
      WHERE "Inbox"."doneAt" IS NULL
    RETURNING 1 AS "one"`;
  return claimed.length === keys.length;
}

/** For adapters that only need to know whether an event (e.g. a button press) was seen. */
export async function claimOnce(
  db: { $transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> },
  channel: string,
  eventKey: string,
): Promise<boolean> {
  return db.$transaction((tx) => claimInboundEvent(tx, channel, [eventKey]));
}
