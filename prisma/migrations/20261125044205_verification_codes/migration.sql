-- AlterTable
ALTER TABLE "PasswordReset" ADD COLUMN     "telegramUserId" BIGINT NOT NULL,
ADD COLUMN     "verifiedAt" TIMESTAMP(3),
ALTER COLUMN "codeHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "EmailChange" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "telegramUserId" BIGINT NOT NULL,
    "email" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailChange_accountId_createdAt_idx" ON "EmailChange"("accountId", "createdAt");

-- AddForeignKey
ALTER TABLE "EmailChange" ADD CONSTRAINT "EmailChange_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
