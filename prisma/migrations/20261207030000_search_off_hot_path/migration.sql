-- Console search indexed off the parent's reply path (issue 12).
--
-- Until now every INSERT into "Message" computed the Russian tsvector (a generated column)
-- and updated two GIN indexes at once: 0.8 ms of PostgreSQL per message against 0.13 ms
-- without them. Now an insert only copies the message's id, ticket and text into "MessageSearchQueue" (a
-- statement trigger, so the hot path's SQL stays as it is), and the search indexer
-- (core/search) moves queued messages into "MessageSearch" in batches. The console searches
-- "MessageSearch" through its indexes plus the queued tail directly, so a message is found
-- the moment it is committed.
--
-- A table of its own rather than columns on "Message": filling columns later would be an
-- UPDATE of every message (a second heap tuple, every index of "Message" written again, a
-- dead row to vacuum); a separate row is one insert into a narrow table. Messages with
-- nothing to search (a photo without a caption) get no row at all, and only texts with 7 or
-- more digits (the shortest phone the console looks for) get an entry in the digits index.

CREATE TABLE "MessageSearch" (
    "messageId" INTEGER NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "words" tsvector NOT NULL,
    "digits" TEXT,
    CONSTRAINT "MessageSearch_pkey" PRIMARY KEY ("messageId")
);

-- The queue carries the message's ticket and text (as written or last edited): the
-- console's scan of the tail and the indexer read this small table alone instead of
-- looking each message up in "Message" (4 pages each).
CREATE TABLE "MessageSearchQueue" (
    "messageId" INTEGER NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "MessageSearchQueue_pkey" PRIMARY KEY ("messageId")
);

-- A queue: every row is deleted within seconds of its insert. Vacuumed after every 1,000
-- dead rows instead of a fifth of the table, so the console's scan of the tail reads a few
-- pages, not the dead rows of the last minute.
ALTER TABLE "MessageSearchQueue" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);

-- No foreign keys: the indexer would lock every message row it checks (a write to the
-- message's heap page); deletions are carried over by the trigger below instead.
CREATE FUNCTION "message_search_enqueue_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MessageSearchQueue" ("messageId", "ticketId", "text")
  SELECT id, "ticketId", "text" FROM inserted;
  RETURN NULL;
END $$;

CREATE FUNCTION "message_search_enqueue_edited"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MessageSearchQueue" ("messageId", "ticketId", "text")
  VALUES (NEW.id, NEW."ticketId", NEW."text")
  ON CONFLICT ("messageId") DO UPDATE SET "ticketId" = EXCLUDED."ticketId", "text" = EXCLUDED."text";
  RETURN NULL;
END $$;

CREATE FUNCTION "message_search_forget_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "MessageSearch" s USING deleted d WHERE s."messageId" = d.id;
  DELETE FROM "MessageSearchQueue" q USING deleted d WHERE q."messageId" = d.id;
  RETURN NULL;
END $$;

-- The existing messages, indexed here once (building the indexes after the rows is the
-- cheapest way to fill them).
INSERT INTO "MessageSearch" ("messageId", "ticketId", "words", "digits")
SELECT id, "ticketId", words, CASE WHEN length(digits) >= 7 THEN digits END
  FROM (SELECT id, "ticketId", to_tsvector('russian'::regconfig, "text") AS words,
               regexp_replace("text", '\D', '', 'g') AS digits
          FROM "Message") m
 WHERE words <> ''::tsvector OR length(digits) >= 7;

CREATE TRIGGER "Message_search_enqueue_inserted" AFTER INSERT ON "Message"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
  EXECUTE FUNCTION "message_search_enqueue_inserted"();
CREATE TRIGGER "Message_search_enqueue_edited" AFTER UPDATE OF "text" ON "Message"
  FOR EACH ROW WHEN (OLD."text" IS DISTINCT FROM NEW."text")
  EXECUTE FUNCTION "message_search_enqueue_edited"();
CREATE TRIGGER "Message_search_forget_deleted" AFTER DELETE ON "Message"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT
  EXECUTE FUNCTION "message_search_forget_deleted"();

DROP INDEX "Message_searchVector_idx";
ALTER TABLE "Message" DROP COLUMN "searchVector";
DROP INDEX "Message_digits_trgm_idx";

-- The console walks a window of tickets newest first (core/console/search-tickets.ts).
CREATE INDEX "MessageSearch_ticketId_idx" ON "MessageSearch"("ticketId");
-- The indexer writes a batch into the GIN "pending list" and merges it into the index at
-- once (gin_clean_pending_list, core/search/index-batch.ts): the merge sorts the batch's
-- entries and visits each index page once, where inserting row by row (fastupdate off)
-- descends the tree for every word of every message. Measured on 100,000 messages (buffer
-- accesses from pg_stat_database, bench:search-write): 19 per indexed message against 72. The list lives for one batch
-- (a few hundred rows, milliseconds), so searches never read the megabytes of unmerged
-- entries that made 20261203010000_console_search turn fastupdate off; the 1 MB limit bounds
-- it should the merge fail (the insert that fills it merges it then).
CREATE INDEX "MessageSearch_words_idx" ON "MessageSearch" USING GIN ("words")
  WITH (fastupdate = on, gin_pending_list_limit = 1024);
CREATE INDEX "MessageSearch_digits_idx" ON "MessageSearch" USING GIN ("digits" gin_trgm_ops)
  WITH (fastupdate = on, gin_pending_list_limit = 1024) WHERE "digits" IS NOT NULL;
ANALYZE "MessageSearch";
