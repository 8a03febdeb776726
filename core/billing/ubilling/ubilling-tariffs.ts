// A contract's tariffs on Ubilling as the bot shows them: its tariff (with the price the billing
// charges) and those the tariff-change rules let it switch to. The switch itself is made in the
// provider's cabinet or office: the XMLAgent lists the allowed tariffs but changes none.
import type { BillingDay } from "../calendar.ts";
import type { TariffOption, TariffsView } from "../tariffs.ts";
import { monthlyPrice } from "./ubilling-summary.ts";
import type { UbillingSwitchableTariff, UbillingTariffServices } from "./xmlagent-schemas.ts";

const internetTariff = (name: string, monthlyFee: number): TariffOption => ({
  code: name,
  name,
  kind: "INTERNET",
  monthlyFee,
  speedMbps: null,
  channels: null,
  description: null,
});

export function tariffsFromUbilling(
  tariffs: UbillingTariffServices,
  allowed: UbillingSwitchableTariff[],
  today: BillingDay,
): TariffsView {
  const { tariff } = tariffs;
  const current = tariff ? internetTariff(tariff.name, monthlyPrice(tariff, today)) : null;
  const switchable = allowed
    .filter((option) => option.tariff !== tariff?.name)
    .map((option) => internetTariff(option.tariff, option.priceKopecks ?? 0));
  return {
    internet: [...(current ? [current] : []), ...switchable],
    iptv: [],
    current: { internet: current?.code ?? null, iptv: null, pending: null, pendingIptv: null },
  };
}
