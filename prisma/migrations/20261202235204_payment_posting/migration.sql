-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "billingPaymentId" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "billingReference" TEXT,
ADD COLUMN     "nextPostAt" TIMESTAMP(3),
ADD COLUMN     "postAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "postError" TEXT,
ADD COLUMN     "postedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "Payment_billingReference_key" ON "Payment"("billingReference");

-- CreateIndex
CREATE INDEX "Payment_nextPostAt_idx" ON "Payment"("nextPostAt");

-- Payments credited before posting existed were credited in the recording transaction.
UPDATE "Payment" SET "postedAt" = "paidAt" WHERE status = 'PAID';
