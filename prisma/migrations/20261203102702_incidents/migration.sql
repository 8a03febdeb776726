-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('DRAFT', 'OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "IncidentScope" AS ENUM ('CITY', 'STREETS', 'HOUSES');

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "flat" TEXT,
ADD COLUMN     "house" TEXT,
ADD COLUMN     "street" TEXT,
ADD COLUMN     "streetKey" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "incidentId" INTEGER;

-- AlterTable
ALTER TABLE "SupportTicket" ADD COLUMN     "incidentId" INTEGER;

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'DRAFT',
    "scope" "IncidentScope" NOT NULL,
    "streetKeys" TEXT[],
    "streetNames" TEXT[],
    "houses" TEXT[],
    "services" "TariffKind"[],
    "eta" TIMESTAMP(3) NOT NULL,
    "etaVersion" INTEGER NOT NULL DEFAULT 0,
    "text" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "monitorKey" TEXT,
    "openedAt" TIMESTAMP(3),
    "openedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "topicId" INTEGER,
    "cardMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutageReport" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "streetKey" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "house" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutageReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentSuggestion" (
    "id" SERIAL NOT NULL,
    "streetKey" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "house" TEXT,
    "reports" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentReply" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "agentMessageId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "sentBy" TEXT,
    "recipients" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IncidentReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentMessage" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "subscriberMessageId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "digestedAt" TIMESTAMP(3),

    CONSTRAINT "IncidentMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_monitorKey_key" ON "Incident"("monitorKey");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "OutageReport_streetKey_createdAt_idx" ON "OutageReport"("streetKey", "createdAt");

-- CreateIndex
CREATE INDEX "IncidentSuggestion_streetKey_createdAt_idx" ON "IncidentSuggestion"("streetKey", "createdAt");

-- CreateIndex
CREATE INDEX "IncidentMessage_incidentId_digestedAt_idx" ON "IncidentMessage"("incidentId", "digestedAt");

-- CreateIndex
CREATE INDEX "Account_streetKey_house_idx" ON "Account"("streetKey", "house");

-- CreateIndex
CREATE INDEX "Notification_incidentId_status_idx" ON "Notification"("incidentId", "status");

-- AddForeignKey
ALTER TABLE "IncidentReply" ADD CONSTRAINT "IncidentReply_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentMessage" ADD CONSTRAINT "IncidentMessage_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentMessage" ADD CONSTRAINT "IncidentMessage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "SupportTicket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportTicket" ADD CONSTRAINT "SupportTicket_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
