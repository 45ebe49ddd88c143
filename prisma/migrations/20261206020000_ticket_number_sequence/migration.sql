-- Ticket numbers come from a sequence. The counter row they came from was locked by every
-- new ticket until its commit, so tickets were opened one at a time across all processes.
-- A sequence locks nothing; a failed insert may skip a number, and none repeats.
CREATE SEQUENCE "Ticket_number_seq" AS INTEGER OWNED BY "Ticket"."number";
SELECT setval(
  '"Ticket_number_seq"',
  GREATEST(
    (SELECT max("number") FROM "Ticket"),
    (SELECT "value" FROM "TicketCounter" WHERE "id" = 1),
    0
  ) + 1,
  false
);
ALTER TABLE "Ticket" ALTER COLUMN "number" SET DEFAULT nextval('"Ticket_number_seq"');

DROP TABLE "TicketCounter";
