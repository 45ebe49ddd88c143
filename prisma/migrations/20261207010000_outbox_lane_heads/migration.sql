-- The staff group's lanes claim reads each lane's oldest unsent row straight from this index
-- (one descent per lane, skipping to the next lane) instead of every unsent row of the chat:
-- thousands wait there while the group's budget (20 posts a minute) is spent. The lane is
-- the claim's own expression (ticket, else incident, else the rest). Only the relay's rows:
-- a parent's reply costs no index entry more. An expression index has no Prisma notation,
-- so schema.prisma names it in a comment only (the drift test skips expression indexes).
CREATE INDEX "Outbox_relay_lane_heads" ON "Outbox"(
  "chatKey",
  (COALESCE('t' || "ticketId"::text, 'i' || ("payload"->>'incidentId'), 'g')),
  "id"
) WHERE "channel" = 'relay' AND "status" IN ('pending', 'sending');
