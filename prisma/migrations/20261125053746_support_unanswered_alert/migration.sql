-- AlterTable
ALTER TABLE "SupportTicket" ADD COLUMN     "unansweredAlertAt" TIMESTAMP(3);
