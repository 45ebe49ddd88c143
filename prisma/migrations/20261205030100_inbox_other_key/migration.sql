-- One inbox row per update (issue 12): the message's own dedupe key rides on the update's
-- row instead of a bare claim row of its own (a row inserted, then pruned, per message).
-- Partial: rows are stored without it, so storing maintains no entry here.
ALTER TABLE "Inbox" ADD COLUMN "otherKey" TEXT;
CREATE UNIQUE INDEX "Inbox_other_key" ON "Inbox"("source", "otherKey") WHERE "otherKey" IS NOT NULL;
