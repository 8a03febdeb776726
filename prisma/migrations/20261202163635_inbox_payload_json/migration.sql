-- AlterTable
ALTER TABLE "InboundUpdate" ALTER COLUMN "payload" SET DATA TYPE JSON;
