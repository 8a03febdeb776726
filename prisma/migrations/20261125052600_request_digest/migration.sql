-- CreateTable
CREATE TABLE "RequestDigest" (
    "day" DATE NOT NULL,
    "requests" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestDigest_pkey" PRIMARY KEY ("day")
);
