import { type Db, type Outbox, poolOf, sql, sqlTime } from "../db/index.js";

/**
 * The deliverer's statements of every reply (the claim, the record of a send), run on the
 * pg pool under the Prisma client: Prisma's query engine costs more CPU than the statement
 * itself, twice per reply. A client without a pool (a test's fake) gets the same text
 * through Prisma. The statements' shapes are checked by the delivery tests that run them.
 */
async function run<R>(db: Db, text: string, values: unknown[]): Promise<R[]> {
  const pool = poolOf(db);
  if (pool) return sql<R & Record<string, unknown>>(pool, text, values.map(asSqlValue));
  return db.$queryRawUnsafe<R[]>(text, ...values);
}

// The pool's parameters are text: a Date as timestamp(3) without zone (UTC, as Prisma writes).
const asSqlValue = (value: unknown) => (value instanceof Date ? sqlTime(value) : value);

export type Claimed = { row: Outbox; claimed: boolean; more: boolean };

// $1 chat key, $2 now, $3 mark. The row `n`, locked by the picker, is marked "sending" when
// $3 and it is due, counting one more attempt when an earlier send began.
const claimTail = `, u AS (
      UPDATE "Outbox" o
      SET "status" = 'sending',
          "attempts" = o."attempts" + CASE WHEN n."status" = 'sending' THEN 1 ELSE 0 END
      FROM n
      WHERE o."id" = n."id" AND $3::boolean
        AND (n."notBefore" IS NULL OR n."notBefore" <= $2::timestamp(3))
      RETURNING o."id"
    )
    SELECT n.*, EXISTS (SELECT 1 FROM u) AS "claimed",`;

/** The chat's oldest unsent row; `more` says whether rows wait after it. */
const oldestText = `WITH n AS (
      SELECT * FROM "Outbox"
      WHERE "chatKey" = $1 AND "status" IN ('pending', 'sending')
      ORDER BY "id" LIMIT 1 FOR UPDATE
    )${claimTail} EXISTS (
      SELECT 1 FROM "Outbox" m
      WHERE m."chatKey" = $1 AND m."status" IN ('pending', 'sending') AND m."id" > n."id"
    ) AS "more" FROM n`;

/**
 * Among the oldest unsent row of each lane, the due one whose lane had a row sent longest
 * ago (or never); when none is due, the one due soonest (the caller schedules a wake).
 * The staff group's chat rarely runs dry between posts: `more` is always true.
 */
const inTurnText = `WITH heads AS (
      SELECT DISTINCT ON (lane) "id", "ticketId", "notBefore", lane FROM (
        SELECT "id", "ticketId", "notBefore",
               COALESCE('t' || "ticketId", 'i' || ("payload"->>'incidentId'), 'g') AS lane
        FROM "Outbox"
        WHERE "chatKey" = $1 AND "status" IN ('pending', 'sending')
      ) p
      ORDER BY lane, "id"
    ), pick AS (
      SELECT h."id", (h."notBefore" IS NOT NULL AND h."notBefore" > $2::timestamp(3)) AS later
      FROM heads h
      ORDER BY later,
               CASE WHEN h."notBefore" > $2::timestamp(3) THEN h."notBefore" END,
               (SELECT max(s."sentAt") FROM "Outbox" s
                 WHERE s."ticketId" = h."ticketId" AND s."chatKey" = $1 AND s."status" = 'sent')
                 ASC NULLS FIRST,
               h."id"
      LIMIT 1
    ), n AS (
      SELECT o.* FROM "Outbox" o JOIN pick ON o."id" = pick."id" FOR UPDATE OF o
    )${claimTail} true AS "more" FROM n`;

/** One statement picks the row (oldest, or lanes taking turns), locks it and claims it. */
export async function claimRow(
  db: Db,
  chatKey: string,
  now: Date,
  mark: boolean,
  lanes: boolean,
): Promise<Claimed | null> {
  const rows = await run<Outbox & { claimed: boolean; more: boolean }>(
    db,
    lanes ? inTurnText : oldestText,
    [chatKey, now, mark],
  );
  const found = rows[0];
  if (!found) return null;
  const { claimed, more, ...row } = found;
  return { row, claimed, more };
}

/**
 * The row is sent, and the message it carries learns its id in the channel: one statement
 * (a reply costs a round trip less than an update of each). `attempts` counts the sends
 * begun: this one (a crashed one was counted by the claim).
 */
export async function recordSentRow(
  db: Db,
  id: number,
  externalMessageId: string | null,
  now: Date,
): Promise<void> {
  await run(
    db,
    `WITH o AS (
      UPDATE "Outbox"
      SET "status" = 'sent', "externalMessageId" = $2::text,
          "attempts" = "attempts" + 1, "sentAt" = $3::timestamp(3)
      WHERE "id" = $1::integer
      RETURNING "messageId"
    )
    UPDATE "Message" SET "externalMessageId" = $2::text
    WHERE $2::text IS NOT NULL AND "id" = (SELECT "messageId" FROM o)`,
    [id, externalMessageId, now],
  );
}
