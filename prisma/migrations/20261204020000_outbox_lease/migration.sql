-- A claimed row's lease (issue 12, Redis-restart drill): the chat lock in Redis can vanish
-- mid-send, so PostgreSQL decides whether a row marked "sending" is still being sent. The
-- deliverer renews it while the send is in flight; another may re-take the row only after
-- it has run out. NULL: claimed before leases existed, treated as expired.
ALTER TABLE "Outbox" ADD COLUMN "leaseUntil" TIMESTAMPTZ(3);

-- The claim and the sweep only ever look for unsent rows, and sent rows pile up by the
-- million: indexes over the unsent rows alone stay a few pages (always cached), and a
-- row recorded as sent leaves them instead of adding entries to two whole-table indexes.
-- Measured on 700,000 sent rows: the claim reads 18 buffers instead of 32, the relay's
-- claim 24 instead of 33, the record of a send 13 instead of 19; 16 kB per index instead
-- of 36 MB and 4.4 MB.
DROP INDEX "Outbox_chatKey_status_id_idx";
DROP INDEX "Outbox_status_createdAt_idx";
CREATE INDEX "Outbox_unsent_by_chat" ON "Outbox"("chatKey", "id") WHERE "status" IN ('pending', 'sending');
CREATE INDEX "Outbox_unsent" ON "Outbox"("createdAt") WHERE "status" IN ('pending', 'sending');
