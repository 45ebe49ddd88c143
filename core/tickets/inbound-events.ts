import type { Tx } from "../db/index.js";

/**
 * Claims the delivery's dedupe keys inside the caller's transaction. Returns false when
 * any key was claimed before: the message is a redelivery and must not act again.
 * Concurrent copies wait on the unique index until the first commits, so exactly one wins.
 */
export async function claimInboundEvent(
  tx: Tx,
  channel: string,
  eventKeys: string[],
): Promise<boolean> {
  const keys = [...new Set(eventKeys)];
  const inserted = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "InboundEvent" ("channel", "eventKey")
    SELECT ${channel}, key FROM unnest(${keys}::text[]) AS key
    ON CONFLICT ("channel", "eventKey") DO NOTHING
    RETURNING "id"`;
  return inserted.length === keys.length;
}

/** For adapters that only need to know whether an event (e.g. a button press) was seen. */
export async function claimOnce(
  db: { $transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> },
  channel: string,
  eventKey: string,
): Promise<boolean> {
  return db.$transaction((tx) => claimInboundEvent(tx, channel, [eventKey]));
}
