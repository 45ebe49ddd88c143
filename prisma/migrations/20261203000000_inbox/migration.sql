-- Issue 12: the durable inbox. Updates are stored before they are confirmed to the
-- messenger and processed from the rows; a row is also the dedupe claim, so the separate
-- InboundEvent table goes (its claims move over as rows already done).
CREATE TABLE "Inbox" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "chatKey" TEXT,
    "payload" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "Inbox_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Inbox_source_dedupeKey_key" ON "Inbox"("source", "dedupeKey");

-- The head of each chat's unfinished rows, and the unfinished rows in id order: both
-- small, since done rows leave these indexes.
CREATE INDEX "Inbox_open_by_chat" ON "Inbox"("chatKey", "id") WHERE "doneAt" IS NULL;
CREATE INDEX "Inbox_open" ON "Inbox"("source", "id") WHERE "doneAt" IS NULL;

-- Pruning of old done rows.
CREATE INDEX "Inbox_doneAt_idx" ON "Inbox"("doneAt");

INSERT INTO "Inbox" ("source", "dedupeKey", "createdAt", "doneAt")
SELECT "channel", "eventKey", "receivedAt", "receivedAt" FROM "InboundEvent";

DROP TABLE "InboundEvent";

CREATE TABLE "InboxFence" (
    "source" TEXT NOT NULL,
    "fence" BIGINT NOT NULL,
    "cursor" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxFence_pkey" PRIMARY KEY ("source")
);
