-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "billingCredential" TEXT;

-- AlterTable
ALTER TABLE "AccountLink" ADD COLUMN     "suspendedAt" TIMESTAMP(3);
