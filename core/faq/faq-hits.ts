import type { Db, Tx } from "../db/index.js";

/**
 * FAQ hits are written behind: an answer appends a row to "FaqEntryHit" (no lock on the
 * entry, see schema.prisma) and `foldFaqHits` adds them to "FaqEntry"."hits". Readers of
 * `hits` fold first, so they show every answer recorded before the read.
 */

/** One fold at a time across processes; any other key in this database is unrelated. */
const FOLD_LOCK = 7_166_726_104_001n;

/** Rows moved per statement: bounds one statement's locks and WAL after a long pause. */
const FOLD_BATCH = 10_000;

/**
 * Moves pending hits into the entries' counters and returns how many it moved. Two folders
 * at once (the maintenance task in several processes, a reader folding first) take turns
 * on an advisory lock: without it, two folds could lock the same entries in different
 * orders and deadlock. Each batch is one statement, so a hit is deleted exactly when it is
 * counted. `updatedAt` stays: an answer is not an edit of the entry.
 */
export async function foldFaqHits(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`;
        return foldBatch(tx);
      },
      { maxWait: 15_000, timeout: 60_000 },
    );
    total += moved;
    if (moved < FOLD_BATCH) return total;
  }
}

async function foldBatch(tx: Tx): Promise<number> {
  // The snapshot of this statement is taken after the lock: no other fold is half done.
  const [row] = await tx.$queryRaw<{ moved: number }[]>`WITH moved AS (
  DELETE FROM "FaqEntryHit"
  WHERE "id" IN (SELECT "id" FROM "FaqEntryHit" ORDER BY "id" LIMIT ${FOLD_BATCH})
  RETURNING "entryId"
),
counted AS (
  SELECT "entryId", count(*)::int AS n FROM moved GROUP BY "entryId"
),
folded AS (
  UPDATE "FaqEntry" AS e SET "hits" = e."hits" + counted.n
  FROM counted WHERE e."id" = counted."entryId"
  RETURNING e."id"
)
SELECT (SELECT count(*) FROM moved)::int AS "moved", (SELECT count(*) FROM folded)::int AS "entries"`;
  return row?.moved ?? 0;
}

/** Counts one answer with an entry inside an intake transaction (the general path). */
export async function recordFaqHit(tx: Tx, entryId: number, at?: Date): Promise<void> {
  await tx.faqEntryHit.create({ data: { entryId, ...(at ? { at } : {}) } });
}
