-- Web console: sign-in links, sessions, macros, and the indexes its search uses.

-- CreateTable
CREATE TABLE "ConsoleLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "telegramUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "ConsoleLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "agentId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Macro" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Macro_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleLink_tokenHash_key" ON "ConsoleLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleSession_tokenHash_key" ON "ConsoleSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsoleSession_agentId_idx" ON "ConsoleSession"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "Macro_name_key" ON "Macro"("name");

-- AddForeignKey
ALTER TABLE "ConsoleSession" ADD CONSTRAINT "ConsoleSession_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Search indexes on expressions (Prisma has no notation for them, so schema.prisma does not
-- list them; the drift test skips expression indexes). The console's queries repeat these
-- exact expressions so PostgreSQL can use them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Words in messages: full-text search with the Russian configuration.
CREATE INDEX "Message_text_fts_idx" ON "Message" USING GIN (to_tsvector('russian', "text"));

-- Phone numbers in messages, whatever their punctuation: trigrams of the digits only.
CREATE INDEX "Message_digits_trgm_idx" ON "Message" USING GIN (regexp_replace("text", '\D', '', 'g') gin_trgm_ops);

-- Parents by name or @username.
CREATE INDEX "Contact_name_fts_idx" ON "Contact" USING GIN (to_tsvector('simple', "displayName" || ' ' || coalesce("username", '')));
