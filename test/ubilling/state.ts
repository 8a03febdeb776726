// The emulated billing database: tariffs, subscribers (Stargazer's users table plus the address
// and contact data), the payments and fees ledgers, the self-credit log, OpenPayz transactions.
import { defaultConfig, type UbillingConfig } from "./config.ts";
import { cents, crc32, dateTime, ipToInteger, isoDate, md5 } from "./format.ts";

export interface Tariff {
  name: string;
  /** The monthly (or daily) fee in currency units. */
  fee: number;
  period: "month" | "day";
  /** PassiveCost: what a frozen month costs; null when not set. */
  freezePrice: number | null;
}

export interface FreezeDays {
  total: number;
  restore: number;
  used: number;
  worked: number;
}

/** The address row: the city, street, build and apt tables a subscriber's address is made of. */
export interface Home {
  city: string;
  street: string;
  build: string;
  /** "0": a house of its own, no apartment. */
  apt: string;
}

export interface Subscriber {
  login: string;
  /** Plain text, as Stargazer stores it; the XMLAgent compares md5 of it. */
  password: string;
  realname: string;
  /** The address row; the profile spells it as CITY_DISPLAY and ZERO_TOLERANCE say. */
  home: Home | null;
  /** The profile's `address` as given, for a subscriber with no `home` (null: none). */
  address: string | null;
  ip: string;
  phone: string;
  mobile: string;
  email: string;
  contract: string;
  contractdate: string;
  /** Balance in currency units (DECIMAL, two places). */
  cash: number;
  credit: number;
  /** "YYYY-MM-DD", or null for no expiry (CreditExpire = 0). */
  creditExpire: string | null;
  tariff: string;
  /** TariffChange: the tariff planned for next month, or null. */
  tariffNextMonth: string | null;
  /** Passive = 1. */
  frozen: boolean;
  /** Down = 1. */
  down: boolean;
  /** The datetime of the "PASSIVE CHANGE ... ON 1" weblog entry, or null. */
  frozenSince: string | null;
  /** The frozen_charge_days row, or null. */
  freezeDays: FreezeDays | null;
  /** A static OpenPayz id; null = the default (CRC32 of the login, or the IP). */
  staticPayid: string | null;
  /** Banned from userstats: every request gets the youshallnotpass.html page. */
  bannedFromUserstats: boolean;
  trafficDownBytes: number;
  trafficUpBytes: number;
}

export type NewSubscriber = Partial<Subscriber> & { login: string; password: string };

export interface PaymentRow {
  id: number;
  login: string;
  date: string;
  /** Signed amount. */
  summ: number;
  /** The balance before the operation. */
  balance: number;
  cashtypeid: number;
  note: string;
  admin: string;
}

export interface FeeRow {
  login: string;
  date: string;
  /** Signed: a charge is negative here (the doc leaves the sign open). */
  summ: number;
  balance: number;
  note: string;
}

export interface OpTransaction {
  id: number;
  hash: string;
  date: string;
  summ: string;
  customerid: string;
  paysys: string;
  processed: boolean;
  note: string;
}

export class UbillingState {
  config: UbillingConfig = defaultConfig();
  readonly tariffs = new Map<string, Tariff>();
  readonly subscribers = new Map<string, Subscriber>();
  readonly payments: PaymentRow[] = [];
  readonly fees: FeeRow[] = [];
  /** zbssclog: login and date of every self-credit granted. */
  readonly creditLog: Array<{ login: string; date: string }> = [];
  readonly opTransactions: OpTransaction[] = [];
  /**
   * What the OSMP frontend's `<sum>` says on a repeated txn_id: the sum sent, as Ubilling's own
   * frontend does, or the one stored, as a frontend that reads the row back would.
   */
  osmpRepeatSum: "sent" | "stored" = "sent";
  /** An OSMP result code every check and pay answers with (e.g. "300", another error), if set. */
  osmpResult: string | undefined = undefined;
  private nextIp = 2;

  constructor(readonly now: () => Date) {}

  addTariff(tariff: Partial<Tariff> & { name: string }): Tariff {
    const record: Tariff = { fee: 0, period: "month", freezePrice: null, ...tariff };
    this.tariffs.set(record.name, record);
    return record;
  }

  addSubscriber(fields: NewSubscriber): Subscriber {
    if (this.subscribers.has(fields.login)) throw new Error(`Login ${fields.login} exists`);
    const ip = fields.ip ?? `10.0.${Math.floor(this.nextIp / 250)}.${(this.nextIp % 250) + 2}`;
    this.nextIp++;
    const subscriber: Subscriber = {
      realname: "",
      home: null,
      address: null,
      phone: "",
      mobile: "",
      email: "",
      contract: "",
      contractdate: isoDate(this.now()),
      cash: 0,
      credit: 0,
      creditExpire: null,
      tariff: "",
      tariffNextMonth: null,
      frozen: false,
      down: false,
      frozenSince: null,
      freezeDays: null,
      staticPayid: null,
      bannedFromUserstats: false,
      trafficDownBytes: 0,
      trafficUpBytes: 0,
      ...fields,
      ip,
    };
    if (subscriber.tariff !== "" && !this.tariffs.has(subscriber.tariff)) {
      this.addTariff({ name: subscriber.tariff });
    }
    this.subscribers.set(subscriber.login, subscriber);
    return subscriber;
  }

  subscriber(login: string): Subscriber {
    const found = this.subscribers.get(login);
    if (found === undefined) throw new Error(`No subscriber ${login}`);
    return found;
  }

  /** The login whose md5 password matches, or undefined. */
  authenticate(login: string, passwordMd5: string): Subscriber | undefined {
    const found = this.subscribers.get(login);
    return found !== undefined && md5(found.password) === passwordMd5.toLowerCase()
      ? found
      : undefined;
  }

  /** The profile's payid: "0" without OpenPayz, a static id, CRC32(login), or the IP. */
  payid(subscriber: Subscriber): string {
    if (!this.config.OPENPAYZ_ENABLED) return "0";
    if (!this.config.OPENPAYZ_REALID) return ipToInteger(subscriber.ip);
    return subscriber.staticPayid ?? crc32(subscriber.login);
  }

  /** op_customers: the login behind an OpenPayz customer id (virtualid), if any. */
  loginByPayid(customerId: string): string | undefined {
    for (const subscriber of this.subscribers.values()) {
      if ((subscriber.staticPayid ?? crc32(subscriber.login)) === customerId) {
        return subscriber.login;
      }
    }
    return undefined;
  }

  /** A payments row plus the balance change (zb_CashAdd; negative amounts are charges). */
  addPayment(
    login: string,
    summ: number,
    options: { note?: string; cashtypeid?: number; admin?: string; date?: Date } = {},
  ): PaymentRow {
    const subscriber = this.subscriber(login);
    const row: PaymentRow = {
      id: this.payments.length + 1,
      login,
      date: dateTime(options.date ?? this.now()),
      summ: cents(summ),
      balance: subscriber.cash,
      cashtypeid: options.cashtypeid ?? 1,
      note: options.note ?? "",
      admin: options.admin ?? "admin",
    };
    subscriber.cash = cents(subscriber.cash + summ);
    this.payments.push(row);
    return row;
  }

  /** A tariff fee written by the core (the fees table), taken off the balance. */
  chargeFee(login: string, amount: number, options: { note?: string; date?: Date } = {}): FeeRow {
    const subscriber = this.subscriber(login);
    const row: FeeRow = {
      login,
      date: dateTime(options.date ?? this.now()),
      summ: -cents(amount),
      balance: subscriber.cash,
      note: options.note ?? subscriber.tariff,
    };
    subscriber.cash = cents(subscriber.cash - amount);
    this.fees.push(row);
    return row;
  }
}
