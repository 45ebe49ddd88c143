-- Who holds an outbox row's lease (the Inbox has "leasedBy" already): a process that died
-- is known by its lost liveness lock (core/liveness), and its leases are released at once
-- instead of after leaseUntil (20 s for a reply, 30 s for an update).
ALTER TABLE "Outbox" ADD COLUMN "leasedBy" TEXT;
