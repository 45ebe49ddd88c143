-- Console search and queue without scans (bench:console: 100,000 tickets, 1,000,000 messages).

-- GIN indexes here are built WITH (fastupdate = off): with the default "pending list" every
-- search also reads up to 4 MB of not yet merged entries one by one (measured: 450 pages and
-- 40 ms for a word no message has, and trigram costs so misjudged that PostgreSQL scanned all
-- parents instead), and the insert that overflows the list pays for merging it. Without it
-- each insert updates the index at once: steady, slightly slower writes, searches that
-- read only their matches.
ALTER INDEX "Message_digits_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Message_digits_trgm_idx"'::regclass);

-- Words in messages: the Russian tsvector is stored once when a message is written (a generated
-- column, so the hot path's raw INSERTs need no change) instead of parsing every candidate's
-- text again at query time; ANALYZE keeps per-word statistics on it, so the planner knows a
-- common word (read the newest tickets in order, stop at the page) from a rare one (read the
-- index's few matches).
ALTER TABLE "Message"
  ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, "text")) STORED;
DROP INDEX "Message_text_fts_idx";
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector") WITH (fastupdate = off);

-- Parents by any part of their name or @username ("Орлов" finds "Орлова"): trigrams.
-- An expression index (no Prisma notation; the drift test skips it); the console's query
-- repeats this exact expression.
DROP INDEX "Contact_name_fts_idx";
CREATE INDEX "Contact_name_trgm_idx" ON "Contact"
  USING GIN (("displayName" || ' ' || coalesce("username", '')) gin_trgm_ops) WITH (fastupdate = off);

-- The queue's order (reply due soonest first, owing none last, newest first within), read
-- from an index instead of sorting every ticket: one for "all", one for the open tickets.
CREATE INDEX "Ticket_queue_idx" ON "Ticket"("responseDueAt", "id" DESC);
CREATE INDEX "Ticket_open_queue_idx" ON "Ticket"("responseDueAt", "id" DESC)
  WHERE status IN ('new', 'waiting_agent', 'waiting_parent', 'on_hold');
-- The queue filtered by municipality or by assignee ("my tickets") reads that one's tickets
-- in the same order, instead of walking every ticket in order to find theirs.
CREATE INDEX "Ticket_municipality_queue_idx" ON "Ticket"("municipalityId", "responseDueAt", "id" DESC);
CREATE INDEX "Ticket_assignee_queue_idx" ON "Ticket"("assigneeId", "responseDueAt", "id" DESC);
