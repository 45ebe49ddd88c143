-- Fewer index entries per reply. No update of an Outbox row can be HOT (status is in the
-- unsent indexes' predicate, sentAt in the round robin's index), so fillfactor would not
-- help: every insert and every update writes an entry into each index the new version
-- qualifies for. The sweep's index on createdAt goes (the sweep reads the unsent rows
-- through "Outbox_unsent_by_chat": few, outside an outage), and the round robin's index
-- keeps only rows of a ticket (an FAQ answer has none; the lookup is by ticket).
DROP INDEX "Outbox_unsent";
DROP INDEX "Outbox_ticketId_sentAt_idx";
CREATE INDEX "Outbox_ticketId_sentAt_idx" ON "Outbox"("ticketId", "sentAt") WHERE "ticketId" IS NOT NULL;
