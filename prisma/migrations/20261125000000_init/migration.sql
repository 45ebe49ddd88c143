-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('telegram', 'vk');

-- CreateEnum
CREATE TYPE "TicketCategory" AS ENUM ('site', 'booking', 'other');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('new', 'waiting_agent', 'waiting_parent', 'on_hold', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('in', 'bot', 'agent', 'note');

-- CreateEnum
CREATE TYPE "AgentRole" AS ENUM ('agent', 'supervisor', 'admin');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "Municipality" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Moscow',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" SERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "username" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'ru',
    "timeZone" TEXT,
    "municipalityId" INTEGER,
    "municipalityAskedAt" TIMESTAMP(3),
    "blockedAt" TIMESTAMP(3),
    "blockedReason" TEXT,
    "lastAckAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketCounter" (
    "id" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "TicketCounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "category" "TicketCategory" NOT NULL,
    "municipalityId" INTEGER,
    "status" "TicketStatus" NOT NULL DEFAULT 'new',
    "subject" TEXT NOT NULL DEFAULT '',
    "assigneeId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "firstResponseAt" TIMESTAMP(3),
    "firstResponseDueAt" TIMESTAMP(3) NOT NULL,
    "responseDueAt" TIMESTAMP(3),
    "slaPausedAt" TIMESTAMP(3),
    "slaBreachedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "lastParentAt" TIMESTAMP(3),
    "holdThanksPending" BOOLEAN NOT NULL DEFAULT false,
    "faqOffered" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "relayChatId" TEXT,
    "relayThreadId" INTEGER,
    "relayCardMessageId" INTEGER,
    "rating" INTEGER,
    "ratedAt" TIMESTAMP(3),
    "resolutionComment" TEXT,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "agentId" INTEGER,
    "externalChatId" TEXT,
    "externalMessageId" TEXT,
    "mediaGroupId" TEXT,
    "relayMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" SERIAL NOT NULL,
    "telegramUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "role" "AgentRole" NOT NULL DEFAULT 'agent',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqEntry" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ru',
    "category" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "phrasings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "published" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'import',
    "hits" INTEGER NOT NULL DEFAULT 0,
    "helpfulYes" INTEGER NOT NULL DEFAULT 0,
    "helpfulNo" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FaqEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqLookup" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL DEFAULT '',
    "bestSlug" TEXT,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "runnerUpSlug" TEXT,
    "outcome" TEXT NOT NULL,
    "helpful" BOOLEAN,
    "channel" TEXT,
    "contactId" INTEGER,
    "ticketId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FaqLookup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaEvent" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB,

    CONSTRAINT "SlaEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chatKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "dedupeKey" TEXT,
    "ticketId" INTEGER,
    "messageId" INTEGER,
    "externalMessageId" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "notBefore" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "ticketId" INTEGER,
    "details" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_code_key" ON "Municipality"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_channel_externalId_key" ON "Contact"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_status_responseDueAt_idx" ON "Ticket"("status", "responseDueAt");

-- CreateIndex
CREATE INDEX "Ticket_relayChatId_relayThreadId_idx" ON "Ticket"("relayChatId", "relayThreadId");

-- CreateIndex
CREATE INDEX "Ticket_contactId_createdAt_idx" ON "Ticket"("contactId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_one_open_per_contact_category" ON "Ticket"("contactId", "category") WHERE status NOT IN ('resolved', 'closed');

-- CreateIndex
CREATE INDEX "Message_ticketId_createdAt_idx" ON "Message"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_externalChatId_externalMessageId_idx" ON "Message"("externalChatId", "externalMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_channel_eventKey_key" ON "InboundEvent"("channel", "eventKey");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_telegramUserId_key" ON "Agent"("telegramUserId");

-- CreateIndex
CREATE UNIQUE INDEX "FaqEntry_slug_locale_key" ON "FaqEntry"("slug", "locale");

-- CreateIndex
CREATE INDEX "FaqLookup_outcome_createdAt_idx" ON "FaqLookup"("outcome", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaEvent_ticketId_key_key" ON "SlaEvent"("ticketId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_dedupeKey_key" ON "Outbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "Outbox_chatKey_status_id_idx" ON "Outbox"("chatKey", "status", "id");

-- CreateIndex
CREATE INDEX "Outbox_status_createdAt_idx" ON "Outbox"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_ticketId_at_idx" ON "AuditLog"("ticketId", "at");

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaEvent" ADD CONSTRAINT "SlaEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Seed the ticket number counter (numbers start at 1)
INSERT INTO "TicketCounter" ("id", "value") VALUES (1, 0);
