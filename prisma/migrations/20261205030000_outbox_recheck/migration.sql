-- A deliverer's note on a row another deliverer is sending (see Outbox.recheck): the
-- parents' chats are delivered without a lock in Redis. A constant default: no rewrite.
ALTER TABLE "Outbox" ADD COLUMN "recheck" BOOLEAN NOT NULL DEFAULT false;
