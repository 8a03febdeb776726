-- CreateTable
CREATE TABLE "PasswordPrompt" (
    "chatId" BIGINT NOT NULL,
    "prompt" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PasswordPrompt_pkey" PRIMARY KEY ("chatId")
);
