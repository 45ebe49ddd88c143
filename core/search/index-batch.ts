import type { Db } from "../db/index.js";

/**
 * Moves up to `limit` queued messages (oldest id first) into "MessageSearch" in one
 * statement: the queue rows are deleted and the search rows written in the same
 * transaction, so a crash leaves the batch queued and the next run redoes it; a message
 * indexed twice (an edit queued it again) is overwritten, not duplicated. SKIP LOCKED lets
 * several processes index side by side, each its own batch. Returns the queue rows taken
 * (a deleted message leaves the queue with its row). A crash between the batch and
 * the merge leaves entries in the pending lists: still found by searches, merged by the
 * next batch.
 *
 * The expressions must stay those of the console's tail search (search-tickets.ts) and of
 * the migration that filled the table (20261207030000_search_off_hot_path).
 */
export async function indexSearchBatch(db: Db, limit: number): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ taken: bigint }[]>(
    `WITH taken AS (
       DELETE FROM "MessageSearchQueue" WHERE "messageId" IN (
         SELECT "messageId" FROM "MessageSearchQueue" ORDER BY "messageId"
          LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING "messageId", "ticketId", "text"),
     doc AS (
       SELECT "messageId" AS id, "ticketId", to_tsvector('russian'::regconfig, "text") AS words,
              regexp_replace("text", '\\D', '', 'g') AS digits
         FROM taken),
     -- An edit that left nothing to search removes the message's row.
     emptied AS (
       DELETE FROM "MessageSearch" s USING doc
        WHERE s."messageId" = doc.id AND doc.words = ''::tsvector AND length(doc.digits) < 7),
     written AS (
       INSERT INTO "MessageSearch" ("messageId", "ticketId", "words", "digits")
       SELECT id, "ticketId", words, CASE WHEN length(digits) >= 7 THEN digits END
         FROM doc WHERE words <> ''::tsvector OR length(digits) >= 7
        ORDER BY id
       ON CONFLICT ("messageId") DO UPDATE SET words = EXCLUDED.words, digits = EXCLUDED.digits)
     SELECT count(*) AS taken FROM taken`,
    limit,
  );
  const taken = Number(row?.taken ?? 0);
  // The batch went to the indexes' pending lists (fastupdate, see the migration): merged
  // now, sorted, in one pass per index, so searches never read a list of unmerged rows.
  if (taken > 0)
    await db.$queryRawUnsafe(
      `SELECT gin_clean_pending_list('"MessageSearch_words_idx"'::regclass) AS words,
              gin_clean_pending_list('"MessageSearch_digits_idx"'::regclass) AS digits`,
    );
  return taken;
}

/** Messages waiting for the indexer (the /metrics gauge navsup_search_index_lag). */
export async function searchIndexLag(db: Db): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) AS n FROM "MessageSearchQueue"`,
  );
  return Number(row?.n ?? 0);
}
