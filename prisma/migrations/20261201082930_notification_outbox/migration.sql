-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNCONFIRMED');

-- CreateEnum
CREATE TYPE "AnnouncementAudience" AS ENUM ('ALL', 'NEWS_OPT_IN');

-- DropIndex
DROP INDEX "Notification_accountId_telegramUserId_kind_day_key";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "announcementId" INTEGER,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "error" TEXT,
ADD COLUMN     "key" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "payload" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
ALTER COLUMN "accountId" DROP NOT NULL;

-- Rows of the trust reminder from before the outbox: their key, and how far they got (a claim
-- never marked sent may have gone, so it is never sent again).
UPDATE "Notification"
SET "key" = "kind" || ':' || "accountId" || ':' || "telegramUserId" || ':' || "day",
    "status" = CASE WHEN "sentAt" IS NULL THEN 'UNCONFIRMED' ELSE 'SENT' END::"NotificationStatus",
    "claimedAt" = "createdAt";
ALTER TABLE "Notification" ALTER COLUMN "key" SET NOT NULL;

-- CreateTable
CREATE TABLE "Announcement" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "entities" JSONB,
    "textHash" TEXT NOT NULL,
    "audience" "AnnouncementAudience",
    "createdBy" TEXT NOT NULL,
    "confirmedBy" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "controlChatId" BIGINT,
    "controlMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Announcement_textHash_idx" ON "Announcement"("textHash");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");

-- CreateIndex
CREATE INDEX "Notification_status_id_idx" ON "Notification"("status", "id");

-- CreateIndex
CREATE INDEX "Notification_announcementId_status_idx" ON "Notification"("announcementId", "status");

-- CreateIndex
CREATE INDEX "Notification_accountId_idx" ON "Notification"("accountId");

-- CreateIndex
CREATE INDEX "Notification_telegramUserId_idx" ON "Notification"("telegramUserId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
