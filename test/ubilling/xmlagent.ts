// The userstats XMLAgent subset the bot uses: justauth, the profile, payments, fee charges,
// tariffvservices, tarifftoswitchallowed and self-freeze (docs/ubilling-api.md §1). Types follow the database:
// strings almost everywhere, with the exceptions the doc lists (cash is a number, and so on).
import { flag } from "./auth.ts";
import { addDays, daysInMonth, isoDate, md5, moneyString, trafficSize } from "./format.ts";
import { freezeData, freezeUser, unfreezeUser } from "./freeze.ts";
import { agentError, type DataRecord, type Reply, renderAgent } from "./reply.ts";
import type { Subscriber, UbillingState } from "./state.ts";

/** Flags that need their own feature switch; when it is off they answer `[]`, not the profile. */
const FEATURE_FLAGS = ["payments", "tickets", "opayz", "ukv", "announcements"];

export function xmlAgent(
  state: UbillingState,
  subscriber: Subscriber,
  query: URLSearchParams,
): Reply {
  const json = flag(query, "json");
  const { config } = state;
  if (!config.UBA_ENABLED) return agentError("disabled", json);
  if (config.XMLAGENT_EXTENDED_AUTH_ON && query.get("uberkey") !== md5(config.serial)) {
    return agentError("wrong_uberauth", json);
  }
  const render = (records: DataRecord[], main: string, sub?: string) =>
    renderAgent(records, main, sub, json);
  const { login } = subscriber;
  if (flag(query, "justauth")) {
    return render([{ auth: true, login, message: "Authentication successful" }], "justauth");
  }
  if (flag(query, "payments")) {
    return render(config.PAYMENTS_ENABLED ? payments(state, login) : [], "data", "payment");
  }
  if (flag(query, "feecharges")) {
    const from = query.get("datefrom") ?? "";
    const to = query.get("dateto") ?? "";
    return render(feeCharges(state, login, from, to), "data", "feecharge");
  }
  if (flag(query, "tariffvservices")) {
    return render(tariffAndServices(state, subscriber), "data", "tariffvservices");
  }
  if (flag(query, "tarifftoswitchallowed")) {
    return render(switchableTariffs(state, subscriber), "data", "tarifftoswitchallowed");
  }
  if (flag(query, "freezedata")) return render([freezeData(state, subscriber)], "freezedata");
  if (flag(query, "dofreeze")) return render([freezeUser(state, subscriber)], "dofreeze");
  if (flag(query, "dounfreeze")) return render([unfreezeUser(state, subscriber)], "dounfreeze");
  // Not emulated (or switched off): answered as a disabled feature is, with empty data.
  if (FEATURE_FLAGS.some((name) => flag(query, name))) return render([], "data");
  return render(profile(state, subscriber), "userdata");
}

function payments(state: UbillingState, login: string): DataRecord[] {
  return state.payments
    .filter((row) => row.login === login && (!state.config.PAYMENTS_ONLYPOSITIVE || row.summ > 0))
    .sort((a, b) => b.id - a.id)
    .map((row) => ({
      date: row.date,
      summ: moneyString(row.summ),
      balance: moneyString(row.balance),
    }));
}

/** Tariff fees and negative payments, oldest first; dates compared as strings, as MySQL does here. */
function feeCharges(state: UbillingState, login: string, from: string, to: string): DataRecord[] {
  const inRange = (date: string) => (from === "" || date >= from) && (to === "" || date <= to);
  const fees = state.fees
    .filter((row) => row.login === login && inRange(row.date))
    .map((row) => ({ ...row, type: "mainsrv" }));
  const charges = state.payments
    .filter((row) => row.login === login && row.summ < 0 && inRange(row.date))
    .map((row) => ({ ...row, type: row.note.includes("Service:") ? "virtualsrv" : "other" }));
  return [...fees, ...charges]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((row) => ({
      date: row.date,
      summ: moneyString(row.summ),
      balance: moneyString(row.balance),
      note: row.note,
      type: row.type,
    }));
}

/** The user's tariff `{tariffname, tariffprice, tariffdaysperiod}` (no virtual services here). */
function tariffAndServices(state: UbillingState, subscriber: Subscriber): DataRecord[] {
  const tariff = state.tariffs.get(subscriber.tariff);
  if (tariff === undefined) return [];
  return [
    {
      tariffname: tariff.name,
      tariffprice: moneyString(tariff.fee),
      tariffdaysperiod: tariff.period,
    },
  ];
}

function switchableTariffs(state: UbillingState, subscriber: Subscriber): DataRecord[] {
  const { config } = state;
  const names = config.TC_EXTENDED_MATRIX
    ? (config.tariffMatrix[subscriber.tariff] ?? [])
    : config.TC_TARIFFENABLEDFROM.includes(subscriber.tariff)
      ? config.TC_TARIFFSALLOWED
      : [];
  return names.map((tariff) => {
    const fee = state.tariffs.get(tariff)?.fee;
    return { tariff, price: fee === undefined ? null : fee === 0 ? "0" : fee.toFixed(2) };
  });
}

/** "dd-mm-YYYY" from "YYYY-MM-DD". */
function dayFirst(date: string, separator: string): string {
  const [year, month, day] = date.split("-");
  return [day, month, year].join(separator);
}

/** ONLINELEFT_COUNT: whole days the balance pays for, or "debt"; "No" without the option. */
function daysLeft(state: UbillingState, subscriber: Subscriber): number | string {
  if (!state.config.ONLINELEFT_COUNT) return "No";
  if (subscriber.cash < 0) return "debt";
  const tariff = state.tariffs.get(subscriber.tariff);
  if (tariff === undefined || tariff.fee <= 0) return "No";
  const daily = tariff.period === "day" ? tariff.fee : tariff.fee / daysInMonth(state.now());
  return Math.floor(subscriber.cash / daily);
}

/** zbs_AddressGetFulladdresslist: "[city ]street build/apt", "/0" left out with ZERO_TOLERANCE. */
function addressOf(state: UbillingState, subscriber: Subscriber): string | null {
  const { home } = subscriber;
  if (home === null) return subscriber.address;
  const { CITY_DISPLAY, ZERO_TOLERANCE } = state.config;
  const apartment = ZERO_TOLERANCE && Number(home.apt) === 0 ? "" : `/${home.apt}`;
  const place = `${home.street} ${home.build}${apartment}`;
  return CITY_DISPLAY ? `${home.city} ${place}` : place;
}

/** UBA_XML_ADDRESS_STRUCT's fields (zbs_AddressGetFulladdresslistStruct), the raw apt. */
function addressParts(state: UbillingState, subscriber: Subscriber): DataRecord {
  const { home } = subscriber;
  if (!state.config.UBA_XML_ADDRESS_STRUCT || home === null) return {};
  return {
    ...(state.config.CITY_DISPLAY ? { cityname: home.city } : {}),
    streetname: home.street,
    buildnum: home.build,
    apt: home.apt,
  };
}

function profile(state: UbillingState, subscriber: Subscriber): DataRecord[] {
  const { config } = state;
  const expire = daysLeft(state, subscriber);
  const paidTill =
    typeof expire === "number" ? dayFirst(isoDate(addDays(state.now(), expire)), ".") : "none";
  const fields: DataRecord = {
    address: addressOf(state, subscriber),
    ...addressParts(state, subscriber),
    realname: subscriber.realname,
    login: subscriber.login,
    cash: Math.round(subscriber.cash * 100) / 100,
    ip: subscriber.ip,
    phone: subscriber.phone,
    mobile: subscriber.mobile,
    email: subscriber.email,
    credit: moneyString(subscriber.credit),
    creditexpire: subscriber.creditExpire === null ? "No" : dayFirst(subscriber.creditExpire, "-"),
    payid: state.payid(subscriber),
    contract: subscriber.contract,
    contractdate: subscriber.contractdate,
    tariff: subscriber.tariff,
    tariffalias: subscriber.tariff,
    tariffnm: subscriber.tariffNextMonth ?? "No",
    traffdownload: trafficSize(subscriber.trafficDownBytes),
    traffupload: trafficSize(subscriber.trafficUpBytes),
    trafftotal: trafficSize(subscriber.trafficDownBytes + subscriber.trafficUpBytes),
    accountstate: `${subscriber.frozen ? "frozen" : "active"}${subscriber.down ? " + disabled" : ""}`,
    accountexpire: expire,
    payedtilldate: paidTill,
    payedtillvsrvincluded: 0,
    vservicescost: 0,
    currency: config.currency,
    version: "2",
  };
  // The server builds the profile as one-key records; the JSON renderer merges them again.
  return Object.entries(fields).map(([field, value]) => ({ [field]: value }));
}
