import { sql, type SqlRunner } from "../db/index.js";
import { storable } from "../shared/index.js";

/** PostgreSQL's clock in UTC, as Prisma stores timestamps (one clock for every process). */
export const utcNow = `(now() AT TIME ZONE 'UTC')`;

/** The channel PostgreSQL notifies when rows wait for a process to take them. */
export const INBOX_CHANNEL = "navsup_inbox";

/** An update as a receiver hands it to the inbox. */
export interface IncomingUpdate {
  /** Unique per source: the same update fetched or posted again is stored once. */
  dedupeKey: string;
  /** One chat's updates are processed one at a time, in the order they were stored. */
  chatKey: string;
  payload: unknown;
}

/** A row this process holds the lease of and must process. */
export interface InboxRow {
  id: number;
  source: string;
  dedupeKey: string;
  chatKey: string;
  payload: unknown;
  createdAt: Date;
  /** Attempts including this one. */
  attempts: number;
}

export interface StoreOptions {
  source: string;
  updates: IncomingUpdate[];
  /** The poller's fencing token; a lower token than the stored one stores nothing. */
  fence?: { key: string; token: number };
  /** The poller's position after this batch, kept with the fence. */
  cursor?: string;
  /** Who takes the rows it can right away (this process), and how many at most. */
  owner: string;
  takeMax: number;
  leaseMs: number;
}

export interface StoreResult {
  /** False when the fence refused: a newer poller owns this source now. */
  allowed: boolean;
  inserted: number;
  /** Rows stored already leased to `owner` (heads of their chats, up to takeMax). */
  taken: InboxRow[];
  /** The lowest id stored and left for any process (undefined: none was). */
  lowestLeft?: number;
}

type JsonRow = Omit<InboxRow, "createdAt"> & { createdAt: string };

const rowJson = `json_build_object('id', "id", 'source', "source", 'dedupeKey', "dedupeKey", 'chatKey', "chatKey", 'payload', "payload", 'createdAt', "createdAt", 'attempts', "attempts")`;

const storeSql = `
WITH fenced AS (
  INSERT INTO "InboxFence" ("source", "fence", "cursor", "updatedAt")
  SELECT $5::text, $6::bigint, $8, ${utcNow} WHERE $5::text IS NOT NULL
  ON CONFLICT ("source") DO UPDATE
    SET "fence" = EXCLUDED."fence", "cursor" = COALESCE(EXCLUDED."cursor", "InboxFence"."cursor"), "updatedAt" = EXCLUDED."updatedAt"
    WHERE "InboxFence"."fence" <= EXCLUDED."fence"
  RETURNING 1
),
allowed AS (SELECT ($5::text IS NULL OR EXISTS (SELECT 1 FROM fenced)) AS ok),
input AS (
  SELECT e.v->>'k' AS k, e.v->>'c' AS c, e.v->'p' AS p, e.n
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(v, n)
),
heads AS (
  SELECT DISTINCT ON (i.c) i.k, i.n FROM input i
  WHERE NOT EXISTS (SELECT 1 FROM "Inbox" o WHERE o."chatKey" = i.c AND o."doneAt" IS NULL)
  ORDER BY i.c, i.n
),
mine AS (SELECT k FROM heads ORDER BY n LIMIT $3),
ins AS (
  INSERT INTO "Inbox" ("source", "dedupeKey", "chatKey", "payload", "createdAt", "leaseUntil", "leasedBy", "attempts")
  SELECT $1, i.k, i.c, i.p, ${utcNow},
         CASE WHEN m.k IS NULL THEN NULL ELSE ${utcNow} + $7 * interval '1 millisecond' END,
         CASE WHEN m.k IS NULL THEN NULL ELSE $4 END,
         CASE WHEN m.k IS NULL THEN 0 ELSE 1 END
  FROM input i LEFT JOIN mine m ON m.k = i.k
  WHERE (SELECT ok FROM allowed)
  ORDER BY i.n
  ON CONFLICT ("source", "dedupeKey") DO NOTHING
  RETURNING "id", "dedupeKey", "leasedBy"
),
left_for_any AS (SELECT min("id") AS low FROM ins WHERE "leasedBy" IS NULL)
SELECT (SELECT ok FROM allowed) AS "allowed",
       (SELECT count(*) FROM ins)::int AS "inserted",
       COALESCE((SELECT json_agg(json_build_array("id", "dedupeKey") ORDER BY "id") FROM ins WHERE "leasedBy" IS NOT NULL), '[]'::json) AS "taken",
       (SELECT low FROM left_for_any) AS "lowestLeft",
       CASE WHEN (SELECT low FROM left_for_any) IS NOT NULL
            THEN pg_notify('${INBOX_CHANNEL}', $1 || ':' || (SELECT low FROM left_for_any)) END AS "notified"`;

/**
 * Stores a batch of updates in ONE statement: rows already stored are skipped (the
 * dedupe), the heads of chats with nothing unfinished are leased to `owner` at once (so
 * the receiving process needs no claim of its own), the fence is checked, and the other
 * processes are woken (NOTIFY `source:lowest id left`, where their claims may start) when
 * rows are left for them. Only ids come back: the caller holds the updates already.
 */
export async function storeUpdates(runner: SqlRunner, options: StoreOptions): Promise<StoreResult> {
  // jsonb refuses NUL and lone surrogates: a junk update must not fail its whole batch.
  const json = JSON.stringify(
    options.updates.map((u) => storable({ k: u.dedupeKey, c: u.chatKey, p: u.payload })),
  );
  const [row] = await sql<{
    allowed: boolean;
    inserted: number;
    taken: [number, string][];
    lowestLeft: number | null;
  }>(runner, { name: "inbox-store", text: storeSql }, [
    options.source,
    json,
    options.takeMax,
    options.owner,
    options.fence?.key ?? null,
    options.fence?.token ?? null,
    options.leaseMs,
    options.cursor ?? null,
  ]);
  const taken: InboxRow[] = [];
  if (row && row.taken.length > 0) {
    // The updates as stored (made storable, through JSON), as a claim would read them back.
    const stored = new Map(
      (JSON.parse(json) as { k: string; c: string; p: unknown }[]).map((e) => [e.k, e]),
    );
    const createdAt = new Date();
    for (const [id, dedupeKey] of row.taken) {
      const e = stored.get(dedupeKey);
      if (e)
        taken.push({
          id,
          source: options.source,
          dedupeKey,
          chatKey: e.c,
          payload: e.p,
          createdAt,
          attempts: 1,
        });
    }
  }
  return {
    allowed: row?.allowed ?? false,
    inserted: row?.inserted ?? 0,
    taken,
    lowestLeft: row?.lowestLeft ?? undefined,
  };
}

const claimSql = `
WITH claimed AS (
  UPDATE "Inbox" SET "leaseUntil" = ${utcNow} + $3 * interval '1 millisecond', "leasedBy" = $2, "attempts" = "attempts" + 1
  WHERE "id" IN (
    SELECT i."id" FROM "Inbox" i
    WHERE i."doneAt" IS NULL AND i."id" >= $5 AND i."source" = ANY($1::text[])
      AND (i."leaseUntil" IS NULL OR i."leaseUntil" < ${utcNow})
      -- The head of its chat, as a probe of the chat's index per candidate. OFFSET 0 keeps
      -- it a subplan: pulled up into an anti join, the planner walked every unfinished row
      -- per candidate (the walk grows with the backlog, squared).
      AND NOT EXISTS (
        SELECT 1 FROM "Inbox" o WHERE o."chatKey" = i."chatKey" AND o."doneAt" IS NULL AND o."id" < i."id" OFFSET 0)
    ORDER BY i."id"
    LIMIT $4
    FOR UPDATE SKIP LOCKED
  )
  RETURNING "id", "source", "dedupeKey", "chatKey", "payload", "createdAt", "attempts"
)
SELECT COALESCE((SELECT json_agg(${rowJson} ORDER BY "id") FROM claimed), '[]'::json) AS "rows",
       COALESCE((
         SELECT w."id" FROM "Inbox" w
         WHERE w."doneAt" IS NULL AND w."id" >= $5 AND w."source" = ANY($1::text[])
           AND (w."leasedBy" IS NULL OR w."leaseUntil" < ${utcNow})
           AND w."id" NOT IN (SELECT "id" FROM claimed)
         ORDER BY w."id" LIMIT 1
       ), (SELECT max("id") + 1 FROM "Inbox"), 0) AS "next",
       EXISTS (
         -- A held row is its chat's oldest unfinished one: a second one waits behind it.
         SELECT 1 FROM (SELECT "chatKey" AS c FROM claimed UNION ALL SELECT unnest($6::text[])) h
         WHERE (SELECT count(*) FROM (
                  SELECT 1 FROM "Inbox" w WHERE w."chatKey" = h.c AND w."doneAt" IS NULL LIMIT 2) two) > 1
       ) AS "chatsWaiting"`;

export interface ClaimResult {
  rows: InboxRow[];
  /**
   * Where the next claim may start: the lowest id left for any process (waiting behind its
   * chat, or given back for a later attempt) from `from` on, else past the newest row.
   */
  next: number;
  /** Whether rows wait behind the chats this process holds (`heldChats`, or just claimed). */
  chatsWaiting: boolean;
}

/**
 * Leases up to `max` unfinished rows with ids from `from` on, in ONE statement: only the
 * oldest unfinished row of each chat qualifies (so one chat never has two rows in flight,
 * and its order holds), rows another process holds are skipped, and expired leases (a
 * crashed process) are taken over. `from` 0 looks at every unfinished row; a higher one
 * skips the done and handed-out rows below it, which a claim from 0 would walk each time.
 * `heldChats` are the chats of the rows this process holds (not yet recorded done):
 * `chatsWaiting` says whether rows wait behind them, so finishing them should claim again.
 */
export async function claimRows(
  runner: SqlRunner,
  sources: string[],
  owner: string,
  max: number,
  leaseMs: number,
  from = 0,
  heldChats: string[] = [],
): Promise<ClaimResult> {
  const [row] = await sql<{ rows: JsonRow[]; next: number; chatsWaiting: boolean }>(
    runner,
    // Unnamed on purpose: its generic plan (what a named statement settles on) measured
    // ~150 ms a claim under load instead of ~10 ms with a plan made for the values.
    claimSql,
    [sources, owner, leaseMs, max, from, heldChats],
  );
  return {
    rows: (row?.rows ?? []).map(fromJson),
    next: Number(row?.next ?? from),
    chatsWaiting: row?.chatsWaiting ?? false,
  };
}

const finishSql = `UPDATE "Inbox" SET "doneAt" = ${utcNow}, "leaseUntil" = NULL, "payload" = NULL WHERE "id" = ANY($1::bigint[]) AND "doneAt" IS NULL`;

/**
 * Marks handled rows done in one statement (rows an operation settled already are
 * skipped). The raw update goes: a done row is a dedupe key, and the table stays small.
 */
export async function finishRows(runner: SqlRunner, ids: number[]): Promise<void> {
  await sql(runner, { name: "inbox-finish", text: finishSql }, [ids]);
}

/** Gives a row up for good (a bug, or a passing failure that lasted too long), with why. */
export async function abandonRow(runner: SqlRunner, id: number, error: string): Promise<void> {
  await sql(
    runner,
    `UPDATE "Inbox" SET "doneAt" = ${utcNow}, "leaseUntil" = NULL, "error" = $2 WHERE "id" = $1 AND "doneAt" IS NULL`,
    [id, error.slice(0, 1000)],
  );
}

/** Leaves a row for a later attempt; its chat waits behind it, so the order holds. */
export async function retryRowLater(
  runner: SqlRunner,
  id: number,
  delayMs: number,
  error: string,
): Promise<void> {
  await sql(
    runner,
    `UPDATE "Inbox" SET "leaseUntil" = ${utcNow} + $2 * interval '1 millisecond', "leasedBy" = NULL, "error" = $3
     WHERE "id" = $1 AND "doneAt" IS NULL`,
    [id, delayMs, error.slice(0, 1000)],
  );
}

/**
 * Deletes done rows older than `keepMs` among the next `limit` rows after id `after`:
 * rows are stored and done in about id order, so walking ids from the oldest reaches the
 * old done rows first and can stop at the first batch holding a row stored after the cutoff
 * (`reachedRecent`). Returns how many went and the last id looked at (where to go on).
 */
export async function pruneDoneRows(
  runner: SqlRunner,
  keepMs: number,
  limit: number,
  after = 0,
): Promise<{ deleted: number; lastId: number | undefined; reachedRecent: boolean }> {
  const [row] = await sql<{ deleted: number; lastId: number | null; reachedRecent: boolean }>(
    runner,
    `WITH head AS (
  SELECT "id", "doneAt" < ${utcNow} - $1 * interval '1 millisecond' AS old,
         "createdAt" >= ${utcNow} - $1 * interval '1 millisecond' AS recent
  FROM "Inbox" WHERE "id" > $3 ORDER BY "id" LIMIT $2
),
gone AS (DELETE FROM "Inbox" WHERE "id" IN (SELECT "id" FROM head WHERE old) RETURNING 1)
SELECT (SELECT count(*) FROM gone)::int AS "deleted", (SELECT max("id") FROM head) AS "lastId",
       (SELECT count(*) < $2 OR bool_or(recent) FROM head) AS "reachedRecent"`,
    [keepMs, limit, after],
  );
  return {
    deleted: row?.deleted ?? 0,
    lastId: row?.lastId ?? undefined,
    reachedRecent: row?.reachedRecent ?? true,
  };
}

/** The newest fencing token PostgreSQL has seen for a poller (0 before the first) and its cursor. */
export async function currentFence(
  runner: SqlRunner,
  key: string,
): Promise<{ fence: number; cursor: string | undefined }> {
  const [row] = await sql<{ fence: number; cursor: string | null }>(
    runner,
    `SELECT "fence", "cursor" FROM "InboxFence" WHERE "source" = $1`,
    [key],
  );
  return { fence: row?.fence ?? 0, cursor: row?.cursor ?? undefined };
}

function fromJson(row: JsonRow): InboxRow {
  return { ...row, createdAt: new Date(`${row.createdAt}Z`) };
}
