-- A hold no longer stops the SLA clock (the promise holds "whatever the load"), so the
-- pause column goes; tickets on hold keep the deadline they had. A supervisor's moved
-- deadline is kept apart so the SLA report can list it.
ALTER TABLE "Ticket" DROP COLUMN "slaPausedAt";
ALTER TABLE "Ticket" ADD COLUMN "deadlineMovedTo" TIMESTAMP(3);
