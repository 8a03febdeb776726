-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "pendingIptvDate" DATE,
ADD COLUMN     "pendingIptvTariffId" INTEGER;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_pendingIptvTariffId_fkey" FOREIGN KEY ("pendingIptvTariffId") REFERENCES "Tariff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
