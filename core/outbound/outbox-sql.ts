import { type Db, type Outbox, sqlOnDb, sqlTime } from "../db/index.js";

/*
 * The deliverer's statements of every reply (the claim, the record of a send), run by
 * sqlOnDb on the pg pool under the Prisma client: Prisma's query engine costs more CPU than
 * the statement itself, twice per reply. Each is named, so it is parsed and planned once
 * per connection: unnamed, planning the claim's CTEs cost PostgreSQL more than running them
 * (0.68 against 0.105 ms of backend CPU). The statements' shapes are checked by the
 * delivery tests that run them.
 */

export type Claimed = { row: Outbox; claimed: boolean; more: boolean };

/**
 * How long a claim holds a row "sending" unless its deliverer renews it (every third of
 * it while a send is in flight). It is also how long a dead worker's reply waits before
 * another sends it, and the staff group's whole lane waits behind such a row: short, but
 * far above any pause of a live process.
 */
export const DELIVERY_LEASE_MS = 20_000;

// $2 is the deliverer's clock in every statement: a timestamp(3) in UTC, as Prisma stores
// DateTime; the lease is a timestamptz, so the comparison never depends on the session zone.
const nowTz = `($2::timestamp(3) AT TIME ZONE 'UTC')`;
const leaseEnd = (ms: string) => `${nowTz} + ${ms}::integer * interval '1 millisecond'`;

/**
 * A row another deliverer is sending right now. The parents' chats have no lock in Redis
 * (the staff group's keeps a second deliverer away only while Redis keeps the key), and
 * Telegram has no idempotency key: the row's lease in PostgreSQL is the guard. A row
 * "sending" without a live lease was left by a deliverer that died, and is sent again.
 */
// Never NULL (a NOT of NULL would refuse the claim, and DESC sorts NULL first).
const leasedBy = (r: string) =>
  `(${r}."status" = 'sending' AND ${r}."leaseUntil" IS NOT NULL AND ${r}."leaseUntil" >= ${nowTz})`;

// $1 chat key, $2 now, $3 mark, $4 lease (ms), $5 the claimer (leasedBy). The row `n`, locked by the picker, is marked
// "sending" when $3, it is due and no live lease holds it, counting one more attempt when
// an earlier send began. Under a live lease it gets the note that sends its deliverer round
// the chat again (`recheck`): a row added behind it after that deliverer's claim would
// otherwise wait for this one's wake at the lease's end. The two updates exclude each other.
const claimTail = `, u AS (
      UPDATE "Outbox" o
      SET "status" = 'sending', "leaseUntil" = ${leaseEnd("$4")}, "leasedBy" = $5::text, "recheck" = false,
          "attempts" = o."attempts" + CASE WHEN n."status" = 'sending' THEN 1 ELSE 0 END
      FROM n
      WHERE o."id" = n."id" AND $3::boolean AND NOT ${leasedBy("n")}
        AND (n."notBefore" IS NULL OR n."notBefore" <= $2::timestamp(3))
      RETURNING o."id"
    ), nudged AS (
      UPDATE "Outbox" o SET "recheck" = true
      FROM n
      WHERE o."id" = n."id" AND ${leasedBy("n")} AND NOT n."recheck"
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

/** A relay row's lane: its ticket, else its incident, else the rest (see ChannelSender.lanes). */
const laneOf = (r: string) =>
  `COALESCE('t' || ${r}."ticketId"::text, 'i' || (${r}."payload"->>'incidentId'), 'g')`;

// What the pick needs of a lane's head, read with the index entry that found it.
const headOf = (r: string) =>
  `${laneOf(r)} AS lane, ${r}."id", ${r}."ticketId", ${r}."notBefore", ${r}."status", ${r}."leaseUntil"`;

// The chat's unsent rows; the relay's as "Outbox_relay_lane_heads" holds them (its
// predicate). Another chat with lanes (none in production) is read through
// "Outbox_unsent_by_chat", which costs each lane's step a pass over the chat's rows.
const unsentOf = (r: string, relay: boolean) =>
  `${relay ? `${r}."channel" = 'relay' AND ` : ""}${r}."chatKey" = $1 AND ${r}."status" IN ('pending', 'sending')`;

/**
 * Among the oldest unsent row of each lane, the due one whose lane had a row sent longest
 * ago (or never); when none is due, the one due soonest (the caller schedules a wake).
 * A row under a live lease comes first: another deliverer is in the chat, this one waits.
 * The staff group's chat rarely runs dry between posts: `more` is always true.
 *
 * The heads come from "Outbox_relay_lane_heads" one descent per lane, each skipping to the
 * next lane (a loose index scan), so a claim reads as many rows as there are lanes, however
 * many rows wait in each: thousands do while the group's budget is spent. When a ticket
 * was last served is read from "Outbox_ticketId_sentAt_idx" past its unsent rows.
 */
const inTurnText = (relay: boolean) => `WITH RECURSIVE heads AS (
      (SELECT ${headOf("o")} FROM "Outbox" o
       WHERE ${unsentOf("o", relay)}
       ORDER BY ${laneOf("o")}, o."id" LIMIT 1)
      UNION ALL
      SELECT nx.* FROM heads h CROSS JOIN LATERAL (
        SELECT ${headOf("o")} FROM "Outbox" o
        WHERE ${unsentOf("o", relay)} AND ${laneOf("o")} > h.lane
        ORDER BY ${laneOf("o")}, o."id" LIMIT 1
      ) nx
    ), pick AS (
      SELECT h."id", (h."notBefore" IS NOT NULL AND h."notBefore" > $2::timestamp(3)) AS later
      FROM heads h
      ORDER BY ${leasedBy("h")} DESC, later,
               CASE WHEN h."notBefore" > $2::timestamp(3) THEN h."notBefore" END,
               (SELECT max(s."sentAt") FROM "Outbox" s
                 WHERE s."ticketId" = h."ticketId" AND s."sentAt" IS NOT NULL
                   AND s."chatKey" = $1 AND s."status" = 'sent')
                 ASC NULLS FIRST,
               h."id"
      LIMIT 1
    ), n AS (
      SELECT o.* FROM "Outbox" o JOIN pick ON o."id" = pick."id" FOR UPDATE OF o
    )${claimTail} true AS "more" FROM n`;

/**
 * One statement picks the row (oldest, or lanes taking turns), locks it and claims it.
 * Not claimed with `mark`: not due yet, or leased by another deliverer (see isLeased).
 */
export async function claimRow(
  db: Db,
  chatKey: string,
  now: Date,
  mark: boolean,
  lanes: boolean,
  leaseMs = DELIVERY_LEASE_MS,
  /** Who claims (see core/liveness): its leases go back at once when it dies. */
  holder: string | null = null,
): Promise<Claimed | null> {
  const rows = await sqlOnDb<Outbox & { claimed: boolean; more: boolean }>(
    db,
    !lanes
      ? { name: "outbox-claim", text: oldestText }
      : chatKey.startsWith("relay:")
        ? { name: "outbox-claim-lanes", text: inTurnText(true) }
        : { name: "outbox-claim-lanes-any", text: inTurnText(false) },
    [chatKey, now, mark, leaseMs, holder],
  );
  const found = rows[0];
  if (!found) return null;
  const { claimed, more, ...row } = found;
  return { row, claimed, more };
}

/** Another deliverer holds the row: its lease has not run out at `now`. */
export function isLeased(row: Outbox, now: Date): row is Outbox & { leaseUntil: Date } {
  return row.status === "sending" && !!row.leaseUntil && row.leaseUntil >= now;
}

/**
 * Claims a row read earlier without the claim (a sender behind a shared rate gate, once
 * the gate let it through), on the same terms as claimRow. When another deliverer got to
 * it in between, says who holds it now: `leaseUntil` when under a live lease.
 */
export async function claimReadRow(
  db: Db,
  id: number,
  now: Date,
  leaseMs = DELIVERY_LEASE_MS,
  holder: string | null = null,
): Promise<{ claimed: boolean; status: string | null; leaseUntil: Date | null }> {
  const rows = await sqlOnDb<{ claimed: boolean; status: string; leaseUntil: Date | null }>(
    db,
    { name: "outbox-claim-read", text: claimReadText },
    [id, now, leaseMs, holder],
  );
  const found = rows[0];
  if (!found) return { claimed: false, status: null, leaseUntil: null };
  return { claimed: found.claimed, status: found.status, leaseUntil: found.leaseUntil };
}

const claimReadText = `WITH c AS (
      SELECT "id", "status", "leaseUntil", "notBefore" FROM "Outbox"
      WHERE "id" = $1::integer FOR UPDATE
    ), u AS (
      UPDATE "Outbox" o SET "status" = 'sending', "leaseUntil" = ${leaseEnd("$3")}, "leasedBy" = $4::text
      FROM c
      WHERE o."id" = c."id" AND c."status" IN ('pending', 'sending') AND NOT ${leasedBy("c")}
        AND (c."notBefore" IS NULL OR c."notBefore" <= $2::timestamp(3))
      RETURNING o."id"
    )
    SELECT EXISTS (SELECT 1 FROM u) AS "claimed", c."status"::text AS "status", c."leaseUntil"
    FROM c`;

/**
 * Keeps the claim alive while the send is in flight. A deliverer whose lease ran out (a
 * stall longer than the lease) may find its row re-taken: the renewal then extends the
 * new claimer's lease, which is harmless.
 */
export async function renewLease(
  db: Db,
  id: number,
  now: Date,
  leaseMs = DELIVERY_LEASE_MS,
): Promise<void> {
  await sqlOnDb(
    db,
    {
      name: "outbox-renew",
      text: `UPDATE "Outbox" SET "leaseUntil" = ${leaseEnd("$3")}
    WHERE "id" = $1::integer AND "status" = 'sending'`,
    },
    [id, now, leaseMs],
  );
}

/**
 * Renews a lease written with the row (see outboxCte) when it is still the one written:
 * nobody re-took the row, so no send of it began, even if the lease ran out meanwhile
 * (the row's lock orders this against a claim). Says whether the row is still this
 * deliverer's, and until when.
 */
export async function renewWrittenLease(
  db: Db,
  id: number,
  written: Date,
  now: Date,
  leaseMs = DELIVERY_LEASE_MS,
): Promise<Date | null> {
  const rows = await sqlOnDb<{ leaseUntil: Date }>(
    db,
    {
      name: "outbox-renew-written",
      text: `UPDATE "Outbox" SET "leaseUntil" = ${leaseEnd("$4")}
    WHERE "id" = $1::integer AND "status" = 'sending' AND "leaseUntil" = $3::timestamptz
    RETURNING "leaseUntil"`,
    },
    [id, now, written.toISOString(), leaseMs],
  );
  return rows[0]?.leaseUntil ?? null;
}

/**
 * Gives rows written leased (see outboxCte) back unsent when their writer stops before
 * sending them. A row whose lease is no longer the one written was re-taken by another
 * deliverer (the writer stalled past it) and stays as it is.
 */
export async function releaseLeases(
  db: Db,
  rows: { id: number; leaseUntil: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sqlOnDb(
    db,
    {
      name: "outbox-release",
      text: `UPDATE "Outbox" o SET "status" = 'pending', "leaseUntil" = NULL, "leasedBy" = NULL
    FROM unnest($1::integer[], $2::timestamptz[]) AS r("id", "until")
    WHERE o."id" = r."id" AND o."status" = 'sending' AND o."leaseUntil" = r."until"`,
    },
    [rows.map((r) => r.id), rows.map((r) => r.leaseUntil.toISOString())],
  );
}

/**
 * The row is sent, and the message it carries learns its id in the channel: one statement
 * (a reply costs a round trip less than an update of each). `attempts` counts the sends
 * begun: this one (a crashed one was counted by the claim). Says whether another deliverer
 * came for the chat meanwhile (`recheck`): the UPDATE waits for that deliverer's claim,
 * which holds the row's lock, and reads the row as it left it, so the note is never missed.
 *
 * Records of one process go out one statement at a time: those that come while one is in
 * flight wait for it and then go together in one statement (a group commit). The first
 * waits for nothing, so a lone reply is recorded as soon as before; under load several
 * replies share a round trip (the socket write, the pool checkout and the statement's
 * overhead in PostgreSQL), one of the bot's largest costs per message.
 */
export function recordSentRow(
  db: Db,
  id: number,
  externalMessageId: string | null,
  now: Date,
): Promise<{ recheck: boolean }> {
  let queue = recordQueues.get(db);
  if (!queue) {
    queue = { busy: false, waiting: [] };
    recordQueues.set(db, queue);
  }
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ id, externalMessageId, now, resolve, reject });
    if (!q.busy) void flushRecords(db, q);
  });
}

interface PendingRecord {
  id: number;
  externalMessageId: string | null;
  now: Date;
  resolve(result: { recheck: boolean }): void;
  reject(error: unknown): void;
}

interface RecordQueue {
  busy: boolean;
  waiting: PendingRecord[];
}

const recordQueues = new WeakMap<Db, RecordQueue>();

/** A bound on one statement's rows (its arrays' size), far above what waits at 1,000 msg/s. */
const MAX_RECORDS_PER_STATEMENT = 200;

async function flushRecords(db: Db, queue: RecordQueue): Promise<void> {
  queue.busy = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_RECORDS_PER_STATEMENT);
      try {
        const recheck = await recordBatch(db, batch);
        for (const r of batch) r.resolve({ recheck: recheck.get(r.id) ?? false });
      } catch (error) {
        // Each caller retries its own record (untilStored): none is lost with the batch.
        for (const r of batch) r.reject(error);
      }
    }
  } finally {
    queue.busy = false;
  }
}

async function recordBatch(db: Db, batch: PendingRecord[]): Promise<Map<number, boolean>> {
  const [only] = batch;
  if (batch.length === 1 && only) {
    const rows = await sqlOnDb<{ recheck: boolean }>(
      db,
      { name: "outbox-record", text: recordText },
      [only.id, only.externalMessageId, only.now],
    );
    return new Map([[only.id, rows[0]?.recheck ?? false]]);
  }
  // Rows locked in id order, as every other batch of rows is: no two batches deadlock.
  const sorted = [...batch].sort((a, b) => a.id - b.id);
  const rows = await sqlOnDb<{ id: number; recheck: boolean }>(
    db,
    { name: "outbox-record-many", text: recordManyText },
    [
      sorted.map((r) => r.id),
      sorted.map((r) => r.externalMessageId),
      sorted.map((r) => sqlTime(r.now)),
    ],
  );
  return new Map(rows.map((r) => [r.id, r.recheck]));
}

const recordText = `WITH o AS (
      UPDATE "Outbox"
      SET "status" = 'sent', "externalMessageId" = $2::text,
          "attempts" = "attempts" + 1, "sentAt" = $3::timestamp(3)
      WHERE "id" = $1::integer
      RETURNING "messageId", "recheck"
    ), m AS (
      UPDATE "Message" SET "externalMessageId" = $2::text
      WHERE $2::text IS NOT NULL AND "id" = (SELECT "messageId" FROM o)
    )
    SELECT "recheck" FROM o`;

// recordText for several rows. Two rows of one message (a long text split) are in one
// chat, sent one after the other: never in one batch, so each message gets one id here.
const recordManyText = `WITH r AS (
      SELECT * FROM unnest($1::integer[], $2::text[], $3::timestamp(3)[]) AS r("id", "ext", "at")
    ), o AS (
      UPDATE "Outbox" x
      SET "status" = 'sent', "externalMessageId" = r."ext",
          "attempts" = x."attempts" + 1, "sentAt" = r."at"
      FROM r
      WHERE x."id" = r."id"
      RETURNING x."id", x."messageId", x."recheck", r."ext"
    ), m AS (
      UPDATE "Message" g SET "externalMessageId" = o."ext"
      FROM o
      WHERE o."ext" IS NOT NULL AND g."id" = o."messageId"
    )
    SELECT "id", "recheck" FROM o`;
