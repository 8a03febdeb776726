-- AlterTable
ALTER TABLE "InboundUpdate" ADD COLUMN     "chatKey" TEXT;

-- CreateIndex
CREATE INDEX "InboundUpdate_chatKey_updateId_idx" ON "InboundUpdate"("chatKey", "updateId");
