-- CreateTable
CREATE TABLE "LoginLock" (
    "login" TEXT NOT NULL,
    "lockedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginLock_pkey" PRIMARY KEY ("login")
);
