-- A short name for an FAQ entry's button (issue 15); null means "derived from the question".
ALTER TABLE "FaqEntry" ADD COLUMN "title" TEXT;

-- The offered FAQ entry that solved a ticket ("Помогло"): the SLA report counts it as self-service.
ALTER TABLE "Ticket" ADD COLUMN "selfServedSlug" TEXT;
