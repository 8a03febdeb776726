-- AlterEnum
ALTER TYPE "LedgerKind" ADD VALUE 'CARD_REFUND';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "refundAmount" INTEGER,
ADD COLUMN     "refundReason" TEXT,
ADD COLUMN     "refundedAt" TIMESTAMP(3);
