-- The claim reads unfinished rows in id order from the lowest id a process knows may wait
-- (not from 0): an index on the id alone, holding only unfinished rows, is that walk.
-- The source is checked on the row (a process handles all or most sources).
DROP INDEX "Inbox_open";
CREATE INDEX "Inbox_open_rows" ON "Inbox"("id") WHERE "doneAt" IS NULL;

-- Pruning walks ids (rows are done in about the order they were stored), so the index of
-- every row's doneAt, written on every finish, serves nothing any more.
DROP INDEX "Inbox_doneAt_idx";

-- Done rows keep their dedupe key only: the raw update of a handled row is never read
-- again, and dropping it keeps the table (and its scans) small. Given-up rows (an error)
-- keep theirs for whoever looks into why.
UPDATE "Inbox" SET "payload" = NULL WHERE "doneAt" IS NOT NULL AND "error" IS NULL AND "payload" IS NOT NULL;
