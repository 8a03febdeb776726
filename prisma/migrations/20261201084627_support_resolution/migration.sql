-- AlterTable
ALTER TABLE "SupportTicket" ADD COLUMN     "resolvedAt" TIMESTAMP(3);

-- Tickets closed before: resolved when they were closed.
UPDATE "SupportTicket" SET "resolvedAt" = "closedAt" WHERE "closedAt" IS NOT NULL;
