-- AlterEnum
ALTER TYPE "LedgerKind" ADD VALUE 'FREEZE_FEE';

-- CreateTable
CREATE TABLE "Freeze" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "lastDay" DATE NOT NULL,
    "fee" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Freeze_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Freeze_accountId_startsOn_idx" ON "Freeze"("accountId", "startsOn");

-- CreateIndex
CREATE INDEX "Freeze_startsOn_lastDay_idx" ON "Freeze"("startsOn", "lastDay");

-- CreateIndex
CREATE UNIQUE INDEX "Freeze_one_open_per_account" ON "Freeze"("accountId") WHERE ("endedAt" IS NULL AND "cancelledAt" IS NULL);

-- AddForeignKey
ALTER TABLE "Freeze" ADD CONSTRAINT "Freeze_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
