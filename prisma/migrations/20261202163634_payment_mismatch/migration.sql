-- AlterEnum
ALTER TYPE "PaymentStatus" ADD VALUE 'MISMATCH';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "reportedAmount" BIGINT,
ADD COLUMN     "reportedCurrency" TEXT;
