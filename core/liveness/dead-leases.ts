import { sql, type SqlRunner } from "../db/index.js";
import { INBOX_CHANNEL, utcNow } from "../inbox/inbox-sql.js";
import { heldLocks, holdsLock } from "./owner-id.js";

/**
 * The owners, other than `self`, that hold live leases (an unfinished Inbox row, an Outbox
 * row being sent) and whose liveness lock is gone. Only owners that take the lock ("@…")
 * are looked at. Reads the open inbox rows and the unsent outbox rows through their
 * partial indexes: both stay small.
 */
const deadHoldersSql = `
WITH held AS MATERIALIZED (${heldLocks})
SELECT h."owner" FROM (
  SELECT "leasedBy" AS "owner" FROM "Inbox"
  WHERE "doneAt" IS NULL AND "leasedBy" LIKE '@%' AND "leasedBy" <> $1 AND "leaseUntil" > ${utcNow}
  UNION
  SELECT "leasedBy" FROM "Outbox"
  WHERE "status" = 'sending' AND "leasedBy" LIKE '@%' AND "leasedBy" <> $1 AND "leaseUntil" > now()
) h
WHERE hashtext(h."owner")::oid NOT IN (SELECT "objid" FROM held)`;

export async function findDeadHolders(runner: SqlRunner, self: string): Promise<string[]> {
  const rows = await sql<{ owner: string }>(
    runner,
    { name: "liveness-dead-holders", text: deadHoldersSql },
    [self],
  );
  return rows.map((r) => r.owner);
}

/** Whether `owner` (a tracked one) holds its liveness lock now. */
export async function isAlive(runner: SqlRunner, owner: string): Promise<boolean> {
  const [row] = await sql<{ alive: boolean }>(
    runner,
    { name: "liveness-alive", text: `SELECT ${holdsLock("$1::text")} AS "alive"` },
    [owner],
  );
  return row?.alive ?? true;
}

/**
 * Releases every lease of the owners in $1 that still have no liveness lock (checked again
 * here, in the same statement): their unfinished inbox rows become claimable at once (and
 * the processes are told, as a store tells them), and their outbox rows being sent lose
 * their lease. Such a row stays "sending": its send may have begun, and the deliverer that
 * takes it counts it as a send of unknown outcome, as after a lease that ran out.
 */
const releaseSql = `
WITH held AS MATERIALIZED (${heldLocks}),
gone AS (
  SELECT o AS "owner" FROM unnest($1::text[]) AS o
  WHERE hashtext(o)::oid NOT IN (SELECT "objid" FROM held)
),
inbox AS (
  UPDATE "Inbox" SET "leaseUntil" = NULL, "leasedBy" = NULL
  WHERE "doneAt" IS NULL AND "leasedBy" IN (SELECT "owner" FROM gone)
  RETURNING "id", "source"
),
outbox AS (
  UPDATE "Outbox" SET "leaseUntil" = NULL, "leasedBy" = NULL
  WHERE "status" = 'sending' AND "leasedBy" IN (SELECT "owner" FROM gone)
  RETURNING "id"
),
told AS (
  SELECT pg_notify('${INBOX_CHANNEL}', "source" || ':' || min("id")) FROM inbox GROUP BY "source"
)
SELECT (SELECT count(*) FROM inbox)::int AS "inbox",
       (SELECT count(*) FROM told)::int AS "told",
       COALESCE((SELECT array_agg("id" ORDER BY "id") FROM outbox), '{}') AS "outbox"`;

export interface Released {
  /** Inbox rows made claimable. */
  inbox: number;
  /** Outbox rows whose lease went: they need a delivery run. */
  outbox: number[];
}

export async function releaseDeadLeases(runner: SqlRunner, owners: string[]): Promise<Released> {
  if (owners.length === 0) return { inbox: 0, outbox: [] };
  const [row] = await sql<{ inbox: number; outbox: number[] }>(
    runner,
    { name: "liveness-release", text: releaseSql },
    [owners],
  );
  return { inbox: row?.inbox ?? 0, outbox: row?.outbox ?? [] };
}
