-- Incident mode (issue 18): one notice while an outage lasts, one resolution for all its tickets.
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'resolved');

CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "line" "TicketCategory",
    "notice" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "openedById" INTEGER,
    "resolvedById" INTEGER,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "summaryChatId" TEXT,
    "summaryMessageId" INTEGER,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IncidentLink" (
    "incidentId" INTEGER NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "topicWanted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "IncidentLink_pkey" PRIMARY KEY ("incidentId", "ticketId")
);

CREATE INDEX "Incident_status_idx" ON "Incident"("status");
CREATE INDEX "IncidentLink_ticketId_idx" ON "IncidentLink"("ticketId");

ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The staff group's round robin reads when each ticket's rows were last sent.
CREATE INDEX "Outbox_ticketId_sentAt_idx" ON "Outbox"("ticketId", "sentAt");
