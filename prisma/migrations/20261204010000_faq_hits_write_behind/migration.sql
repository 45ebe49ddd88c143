-- FAQ hits write-behind (issue 12): an answer appends a row here instead of updating the
-- entry's hit counter; a maintenance task folds the rows into "FaqEntry"."hits".
-- No foreign key: its check would lock the hot entry row on every answer.
CREATE TABLE "FaqEntryHit" (
    "id" BIGSERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FaqEntryHit_pkey" PRIMARY KEY ("id")
);
