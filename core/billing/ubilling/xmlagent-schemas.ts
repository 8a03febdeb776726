// zod schemas of the userstats XMLAgent's JSON replies (docs/ubilling-api.md §1, §2), turned into
// the shapes the bot uses: money in kopecks, dates as "YYYY-MM-DD", flags as booleans.
import { z } from "zod";
import { money } from "./money.ts";

/** "dd-mm-YYYY" → "YYYY-MM-DD"; the literal "No" (no expiry) → null. */
const creditExpiry = z.union([
  z.literal("No").transform(() => null),
  z
    .string()
    .regex(/^\d{2}-\d{2}-\d{4}$/)
    .transform((text) => text.split("-").reverse().join("-"))
    // A day that is not one (00-00-0000 in an old row) is no known expiry.
    .transform((day) => (isCalendarDay(day) ? day : null)),
]);

const isCalendarDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/** "active" or "frozen", with " + disabled" when the Down flag is set. */
const accountState = z
  .string()
  .regex(/^(active|frozen)( \+ disabled)?$/)
  .transform((text) => ({
    frozen: text.startsWith("frozen"),
    disabled: text.endsWith("disabled"),
  }));

/** ONLINELEFT_COUNT: whole days the balance pays for, "debt", or "No" (not counted). */
const accountExpiry = z.union([
  z
    .number()
    .int()
    .transform((days) => ({ kind: "days" as const, days })),
  z.literal("debt").transform(() => ({ kind: "debt" as const })),
  z.literal("No").transform(() => ({ kind: "not-counted" as const })),
]);

const text = z
  .string()
  .nullable()
  .transform((value) => value ?? "");
const idText = z.union([z.string(), z.number()]).transform(String);
/** A part of the address UBA_XML_ADDRESS_STRUCT adds; absent without it. */
const addressPart = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? undefined : String(value)));

export const profileSchema = z
  .object({
    login: z.string().min(1),
    realname: text,
    address: text,
    cityname: addressPart,
    streetname: addressPart,
    buildnum: addressPart,
    apt: addressPart,
    phone: text,
    mobile: text,
    email: text,
    contract: text,
    cash: money,
    credit: money,
    creditexpire: creditExpiry,
    payid: idText,
    tariff: z.string(),
    tariffnm: z.string(),
    accountstate: accountState,
    accountexpire: accountExpiry,
    currency: z.string(),
  })
  .transform((reply) => ({
    login: reply.login,
    realName: reply.realname,
    address: reply.address,
    addressParts:
      reply.streetname !== undefined && reply.buildnum !== undefined
        ? {
            city: reply.cityname ?? null,
            street: reply.streetname,
            build: reply.buildnum,
            apt: reply.apt ?? "0",
          }
        : null,
    phone: reply.phone,
    mobile: reply.mobile,
    email: reply.email,
    contract: reply.contract,
    balanceKopecks: reply.cash,
    creditKopecks: reply.credit,
    creditExpires: reply.creditexpire,
    payid: reply.payid,
    tariff: reply.tariff,
    nextMonthTariff: reply.tariffnm === "No" ? null : reply.tariffnm,
    frozen: reply.accountstate.frozen,
    disabled: reply.accountstate.disabled,
    daysLeft: reply.accountexpire,
    currency: reply.currency,
  }));
export type UbillingProfile = z.output<typeof profileSchema>;

export const justAuthSchema = z.object({ auth: z.literal(true), login: z.string() });

const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

/** Newest first; `[]` both for no payments and for PAYMENTS_ENABLED off. */
export const paymentsSchema = z.array(
  z.object({ date: dateTime, summ: money, balance: money }).transform((row) => ({
    date: row.date,
    amountKopecks: row.summ,
    balanceBeforeKopecks: row.balance,
  })),
);
export type UbillingPayment = z.output<typeof paymentsSchema>[number];

/** Oldest first: tariff fees (mainsrv), virtual services and other negative payments. */
export const feeChargesSchema = z.array(
  z
    .object({ date: dateTime, summ: money, balance: money, note: text, type: z.string() })
    .transform((row) => ({
      date: row.date,
      amountKopecks: row.summ,
      balanceBeforeKopecks: row.balance,
      note: row.note,
      type: row.type,
    })),
);
export type UbillingFeeCharge = z.output<typeof feeChargesSchema>[number];

/** The tariff's monthly fee (not the cost of changing); null for an unknown tariff. */
export const tariffsAllowedSchema = z.array(
  z
    .object({ tariff: z.string(), price: money.nullable() })
    .transform((row) => ({ tariff: row.tariff, priceKopecks: row.price })),
);
export type UbillingSwitchableTariff = z.output<typeof tariffsAllowedSchema>[number];

const count = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/)])
  .transform(Number)
  .nullable();

export const freezeDataSchema = z
  .object({
    freezeSelfAvailable: z.boolean(),
    activationCost: money.nullable(),
    tariffsAllowedList: z.union([z.string(), z.literal(false)]),
    tariffAllowedAny: z.boolean(),
    negativeBalanceFreezeAllowed: z.boolean(),
    userBalance: money,
    userTariff: z.string(),
    userTariffFreezePrice: money.nullable(),
    freezeStatus: z.enum(["frozen", "unfrozen"]),
    dateFrom: z.string(),
    freezeDaysChargeActive: z.boolean(),
    freezeDaysTotal: count,
    freezeDaysUsed: count,
    freezeDaysAvailable: count,
    freezeDaysRestore: count,
    freezeDaysWorked: count,
    freezeDaysLeftToWork: count,
  })
  .transform((reply) => ({
    selfFreezeEnabled: reply.freezeSelfAvailable,
    activationCostKopecks: reply.activationCost ?? 0,
    /** null: the option is missing (no tariff listed). */
    tariffsAllowed:
      reply.tariffsAllowedList === false
        ? null
        : reply.tariffsAllowedList
            .split(",")
            .map((name) => name.trim())
            .filter((name) => name !== ""),
    anyTariffAllowed: reply.tariffAllowedAny,
    negativeBalanceAllowed: reply.negativeBalanceFreezeAllowed,
    balanceKopecks: reply.userBalance,
    tariff: reply.userTariff,
    tariffFreezePriceKopecks: reply.userTariffFreezePrice,
    frozen: reply.freezeStatus === "frozen",
    frozenSince: reply.dateFrom === "" ? null : reply.dateFrom,
    /** null unless freeze-days accounting is on and the subscriber has a row. */
    freezeDays:
      reply.freezeDaysTotal === null
        ? null
        : {
            total: reply.freezeDaysTotal,
            used: reply.freezeDaysUsed ?? 0,
            available: reply.freezeDaysAvailable ?? 0,
            restore: reply.freezeDaysRestore ?? 0,
            worked: reply.freezeDaysWorked ?? 0,
            leftToWork: reply.freezeDaysLeftToWork ?? 0,
          },
  }));
export type UbillingFreezeData = z.output<typeof freezeDataSchema>;

/** dofreeze / dounfreeze: "Failure" when already in that state or self-unfreeze is off. */
export const freezeActionSchema = z
  .object({ result: z.enum(["Success", "Failure"]), message: z.string() })
  .transform((reply) => ({ done: reply.result === "Success", message: reply.message }));
export type UbillingFreezeAction = z.output<typeof freezeActionSchema>;

const iniText = z.union([z.string(), z.number()]).transform(String).optional();

/** The creditor's agent reply; with status 1 (disabled) only status and message come. */
export const creditorReplySchema = z.object({
  status: z.number().int().min(0).max(10),
  message: z.string(),
  fullmessage: z.string().optional(),
  minday: iniText,
  maxday: iniText,
  creditterm: iniText,
  creditprice: iniText,
  currency: z.string().optional(),
  creditintro: z.string().optional(),
});
export type CreditorReply = z.output<typeof creditorReplySchema>;

/** `{"reason":"disabled"}` (UBA_ENABLED off) or `{"reason":"wrong_uberauth"}` (uberkey). */
export const agentErrorSchema = z.object({ reason: z.string() });

const period = z
  .string()
  .transform((text) => (text === "day" ? ("day" as const) : ("month" as const)));

/**
 * tariffvservices (docs §1.8): the user's tariff record first, then one per virtual service;
 * `[]` when the user has neither. `tariffdaysperiod` is the period ("month" or "day").
 */
export const tariffServicesSchema = z
  .array(
    z.union([
      z
        .object({ tariffname: z.string(), tariffprice: money, tariffdaysperiod: period })
        .transform((row) => ({
          kind: "tariff" as const,
          name: row.tariffname,
          priceKopecks: row.tariffprice,
          period: row.tariffdaysperiod,
        })),
      z
        .object({ vsrvname: z.string(), vsrvprice: money, vsrvdaysperiod: period })
        .transform((row) => ({
          kind: "service" as const,
          name: row.vsrvname,
          priceKopecks: row.vsrvprice,
          period: row.vsrvdaysperiod,
        })),
    ]),
  )
  .transform((rows) => ({
    tariff: rows.find((row) => row.kind === "tariff") ?? null,
    services: rows.filter((row) => row.kind === "service"),
  }));
export type UbillingTariffServices = z.output<typeof tariffServicesSchema>;
