// Self-freeze through the XMLAgent: `freezedata`, and the permissive `dofreeze` / `dounfreeze`
// (no tariff, balance or days checks: the bot must apply those from freezedata itself).
import { addDays, dateTime, moneyString } from "./format.ts";
import type { DataRecord } from "./reply.ts";
import type { Subscriber, UbillingState } from "./state.ts";

const pad = (value: number) => String(value).padStart(2, "0");

/** dateFrom + days, with Ubilling's format quirk: the month again where the minutes belong. */
function quirkyDateTo(from: string, days: number): string {
  const date = addDays(new Date(`${from.replace(" ", "T")}Z`), days);
  const month = pad(date.getUTCMonth() + 1);
  const day = `${date.getUTCFullYear()}-${month}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${month}:${pad(date.getUTCSeconds())}`;
}

export function freezeData(state: UbillingState, subscriber: Subscriber): DataRecord {
  const { config } = state;
  const price = config.AF_FREEZPRICE;
  const tariff = state.tariffs.get(subscriber.tariff);
  const days = config.FREEZE_DAYS_CHARGE_ENABLED ? subscriber.freezeDays : null;
  const dateFrom = subscriber.frozenSince ?? "";
  return {
    result: "Success",
    message: "",
    freezeSelfAvailable: config.AF_ENABLED,
    activationCost: price === "" || Number(price) === 0 ? null : price,
    tariffsAllowedList: config.AF_TARIFFSALLOWED ?? false,
    tariffAllowedAny: config.AF_TARIFF_ALLOW_ANY,
    negativeBalanceFreezeAllowed: config.FREEZE_ALLOW_ON_NEGATIVE_BALANCE,
    userBalance: moneyString(subscriber.cash),
    userTariff: subscriber.tariff,
    userTariffFreezePrice:
      tariff?.freezePrice === null || tariff === undefined ? null : moneyString(tariff.freezePrice),
    freezeStatus: subscriber.frozen ? "frozen" : "unfrozen",
    dateFrom,
    dateTo: days !== null && dateFrom !== "" ? quirkyDateTo(dateFrom, days.used) : "",
    freezeDaysChargeActive: config.FREEZE_DAYS_CHARGE_ENABLED,
    // The table's columns come back as strings; the two differences are PHP arithmetic.
    freezeDaysTotal: days === null ? null : String(days.total),
    freezeDaysRestore: days === null ? null : String(days.restore),
    freezeDaysUsed: days === null ? null : String(days.used),
    freezeDaysAvailable: days === null ? null : days.total - days.used,
    freezeDaysWorked: days === null ? null : String(days.worked),
    freezeDaysLeftToWork: days === null ? null : days.restore - days.worked,
  };
}

export function freezeUser(state: UbillingState, subscriber: Subscriber): DataRecord {
  const { login } = subscriber;
  if (subscriber.frozen) {
    return { result: "Failure", message: `User '${login}' is already frozen` };
  }
  subscriber.frozen = true;
  subscriber.frozenSince = dateTime(state.now());
  const price = Number(state.config.AF_FREEZPRICE);
  if (Number.isFinite(price) && price > 0) {
    state.addPayment(login, -price, {
      note: "AFFEE_XMLAGENT",
      cashtypeid: state.config.AF_CASHTYPEID,
    });
  }
  return { result: "Success", message: `User '${login}' has been frozen` };
}

export function unfreezeUser(state: UbillingState, subscriber: Subscriber): DataRecord {
  const { login } = subscriber;
  if (!state.config.XMLAGENT_SELF_UNFREEZE_ALLOWED) {
    return { result: "Failure", message: "Feature is not allowed" };
  }
  if (!subscriber.frozen) {
    return { result: "Failure", message: `User '${login}' is already UNfrozen` };
  }
  subscriber.frozen = false;
  return { result: "Success", message: `User '${login}' has been UNfrozen` };
}
