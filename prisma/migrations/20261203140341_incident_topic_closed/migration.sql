-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "topicClosedAt" TIMESTAMP(3);
