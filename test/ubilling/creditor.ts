// The creditor module's agent mode (`?module=creditor&agentcredit=true`, docs §2): the self-credit
// checks in Ubilling's order with their status codes; `justcheck` runs them and sets nothing.
import { flag } from "./auth.ts";
import { addDays, cents, daysInMonth, isoDate } from "./format.ts";
import { type DataRecord, htmlReply, type Reply, renderAgent } from "./reply.ts";
import type { Subscriber, UbillingState } from "./state.ts";

interface Refusal {
  status: number;
  message: string;
  fullmessage: string;
}

export function creditor(
  state: UbillingState,
  subscriber: Subscriber,
  query: URLSearchParams,
): Reply {
  const json = flag(query, "json");
  if (!flag(query, "agentcredit")) {
    return htmlReply(200, "<html><body><form method='post'>Credits</form></body></html>");
  }
  const { config } = state;
  if (!config.SC_ENABLED) {
    return renderAgent([{ status: 1 }, { message: "disabled" }], "data", undefined, json);
  }
  const tariffPrice = creditAmount(state, subscriber);
  const refusal = refusalOf(state, subscriber, tariffPrice);
  const granted = refusal === undefined;
  if (granted && !flag(query, "justcheck")) grant(state, subscriber, tariffPrice);
  const outcome = refusal ?? { status: 0, message: "success", fullmessage: "" };
  const intro =
    `If you wait too long to pay for the service, here you can get credit for ${config.SC_TERM} days. ` +
    `The price of this service is: ${config.SC_PRICE} ${config.currency}. ` +
    "Also you promise to pay for the current month, in accordance with your service plan.";
  const records: DataRecord[] = [
    { status: outcome.status },
    { message: outcome.message },
    { fullmessage: outcome.fullmessage },
    { minday: String(config.SC_MINDAY) },
    { maxday: String(config.SC_MAXDAY) },
    // Ubilling's quirk: a success reports SC_MAXDAY as the term.
    { creditterm: String(granted ? config.SC_MAXDAY : config.SC_TERM) },
    { creditprice: String(config.SC_PRICE) },
    { currency: config.currency },
    { creditintro: intro },
  ];
  return renderAgent(records, "data", undefined, json);
}

/** `tariffprice`: the fee (a day tariff × days in the month), or |cash| + fee × term with SC_DAILY_FIX. */
function creditAmount(state: UbillingState, subscriber: Subscriber): number {
  const tariff = state.tariffs.get(subscriber.tariff);
  const fee = tariff?.fee ?? 0;
  if (state.config.SC_DAILY_FIX)
    return cents(Math.abs(subscriber.cash) + fee * state.config.SC_TERM);
  return tariff?.period === "day" ? cents(fee * daysInMonth(state.now())) : fee;
}

function refusalOf(
  state: UbillingState,
  subscriber: Subscriber,
  tariffPrice: number,
): Refusal | undefined {
  const { config } = state;
  const today = state.now();
  const day = today.getUTCDate();
  const cash = subscriber.cash;
  if (day < config.SC_MINDAY || day > config.SC_MAXDAY) {
    const fullmessage = `You can take a credit only between ${config.SC_MINDAY} and ${config.SC_MAXDAY} days of the month`;
    return { status: 2, message: "wrong day", fullmessage };
  }
  if (subscriber.credit > 0 || subscriber.creditExpire !== null) {
    return {
      status: 3,
      message: "already have a credit",
      fullmessage: "You already have a credit",
    };
  }
  if (subscriber.frozen || subscriber.down) {
    return { status: 4, message: "account frozen", fullmessage: "Your account has been frozen" };
  }
  const enough = "Sorry, sum of money in the account is enought to use service without credit";
  if (Math.abs(cash) > tariffPrice && cash < 0) {
    const fullmessage = "Sorry, your debt does not allow to continue working in the credit";
    return { status: 6, message: "not enough money", fullmessage };
  }
  if (cash >= 0) return { status: 5, message: "too much money", fullmessage: enough };
  if (
    config.SC_TARIFFSALLOWED.length > 0 &&
    !config.SC_TARIFFSALLOWED.includes(subscriber.tariff)
  ) {
    const fullmessage = "This feature is not allowed on your tariff";
    return { status: 8, message: "not allowed on this tariff", fullmessage };
  }
  if (config.SC_HACKCONTROL && lastTopUpIsCreditFee(state, subscriber.login)) {
    const fullmessage =
      "You can not take out a credit because you have not paid since the previous time";
    return { status: 10, message: "not paid previous", fullmessage };
  }
  const month = isoDate(today).slice(0, 7);
  const usedThisMonth = state.creditLog.some(
    (entry) => entry.login === subscriber.login && entry.date.startsWith(month),
  );
  if (config.SC_MONTHCONTROL && usedThisMonth) {
    const fullmessage =
      "You already used credit feature in current month. Only one usage per month is allowed.";
    return { status: 9, message: "already used in this month", fullmessage };
  }
  return undefined;
}

/** SC_HACKCONTROL: among top-ups and SCFEE rows, the newest is an SCFEE (no payment since). */
function lastTopUpIsCreditFee(state: UbillingState, login: string): boolean {
  const rows = state.payments.filter(
    (row) => row.login === login && (row.summ > 0 || row.note === "SCFEE"),
  );
  return rows.at(-1)?.note === "SCFEE";
}

/** What RemoteAPI `action=sc` does: credit and expiry set, the fee charged as SCFEE, the log row. */
function grant(state: UbillingState, subscriber: Subscriber, tariffPrice: number): void {
  const { config } = state;
  const today = state.now();
  subscriber.credit = cents(tariffPrice + config.SC_PRICE);
  subscriber.creditExpire = isoDate(addDays(today, config.SC_TERM));
  state.addPayment(subscriber.login, -config.SC_PRICE, {
    note: "SCFEE",
    cashtypeid: config.SC_CASHTYPEID,
  });
  state.creditLog.push({ login: subscriber.login, date: isoDate(today) });
}
