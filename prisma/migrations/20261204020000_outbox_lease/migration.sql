-- A claimed row's lease (issue 12, Redis-restart drill): the chat lock in Redis can vanish
-- mid-send, so PostgreSQL decides whether a row marked "sending" is still being sent. The
-- deliverer renews it while the send is in flight; another may re-take the row only after
-- it has run out. NULL: claimed before leases existed, treated as expired.
ALTER TABLE "Outbox" ADD COLUMN "leaseUntil" TIMESTAMPTZ(3);
