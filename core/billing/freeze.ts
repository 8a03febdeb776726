// The voluntary freeze (добровольная блокировка) on the built-in billing: the subscriber stops the
// service for a while and pays no daily charge on a frozen day (daily-charge.ts skips it). A
// contract has at most `freeze.daysPerYear` frozen days in a calendar year (in the provider's time
// zone: the days are the billing days the caller passes), a freeze lasts at least
// `freeze.minDays` and at most `daysPerYear` days, starts today or a day up to
// `freeze.startWithinDays` ahead, for a number of days or until the subscriber unfreezes it, and
// costs a one-off `freeze.fee`, taken when it is ordered. A frozen contract is unfrozen at any time
// (today is then its last frozen day); one not yet started is called off, and its fee returned.
//
// A freeze "until unfrozen" still ends by itself on the day the allowance runs out (`lastDay`).
// At most one freeze per contract is open (neither ended nor cancelled): a partial unique index
// holds it whatever races, and ordering one locks the contract's row as every balance change does,
// so two taps order one freeze and take one fee (its ledger entry is keyed on the freeze).
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { addDays, type BillingDay, dayAsDate } from "./calendar.ts";
import { isUniqueViolation, postInTransaction } from "./ledger.ts";

export type FreezeSettings = Pick<Config, "freeze">;

/** Frozen days of one calendar year. */
export interface FreezeAllowance {
  year: number;
  perYear: number;
  /** Frozen days the contract may still have this year (the open freeze's days counted). */
  daysLeft: number;
}

/** What ordering a freeze takes, whatever the contract's state. */
export interface FreezeTerms {
  /** Kopecks, taken when a freeze is ordered. */
  fee: number;
  minDays: number;
  /** The latest day a freeze ordered today may start on. */
  latestStart: BillingDay;
  /** The allowance of the current year; null where the billing limits no days. */
  allowance: FreezeAllowance | null;
  /**
   * The billing freezes only from today until unfrozen (Ubilling): no later start, no number of
   * days to choose.
   */
  openEndedOnly?: boolean;
}

export interface OpenFreeze {
  /** The first frozen day. */
  startsOn: BillingDay;
  /** The last frozen day asked for; null: until unfrozen. */
  endsOn: BillingDay | null;
  /** The last frozen day there can be: endsOn, or the day the allowance runs out; null: none. */
  lastDay: BillingDay | null;
}

/** A freeze under way or ordered, as the balance card and the profile mention it. */
export type FreezeNote = OpenFreeze & { state: "frozen" | "scheduled" };

export type FreezeStatus = FreezeTerms &
  (
    | { state: "none" }
    /** Frozen today; `paidFee` is what ordering it took. */
    | ({ state: "frozen"; paidFee: number } & OpenFreeze)
    /** Ordered, from a later day; calling it off returns `paidFee`. */
    | ({ state: "scheduled"; paidFee: number } & OpenFreeze)
  );

export interface FreezeRequest {
  accountId: number;
  /** Today, in the provider's time zone. */
  today: BillingDay;
  startsOn: BillingDay;
  /** Frozen days from startsOn on, startsOn included; null: until unfrozen. */
  days: number | null;
}

export type FreezeRefusal =
  | { outcome: "refused"; reason: "closed" }
  /** Blocked, or below zero: the debt is paid first. */
  | { outcome: "refused"; reason: "debt"; balance: number }
  | {
      outcome: "refused";
      reason: "already-frozen";
      freeze: OpenFreeze & { state: "frozen" | "scheduled" };
    }
  | { outcome: "refused"; reason: "start-in-past"; today: BillingDay }
  | { outcome: "refused"; reason: "start-too-far"; latestStart: BillingDay }
  | { outcome: "refused"; reason: "too-short"; minDays: number }
  /** More days than one freeze may have (the year's allowance). */
  | { outcome: "refused"; reason: "too-long"; maxDays: number }
  /**
   * More days than the allowance leaves from that start: `maxDays` at most (0: none at all), as
   * `year`'s allowance (`daysLeft` of `perYear`) is what stops it.
   */
  | {
      outcome: "refused";
      reason: "days-used-up";
      year: number;
      perYear: number;
      daysLeft: number;
      maxDays: number;
    }
  | { outcome: "refused"; reason: "balance-too-low"; fee: number; balance: number }
  /** The billing does not let subscribers freeze this contract themselves. */
  | { outcome: "refused"; reason: "not-offered" }
  | { outcome: "refused"; reason: "tariff-not-allowed"; tariff: string }
  /** A later start or a number of days, where the billing freezes from today until unfrozen. */
  | { outcome: "refused"; reason: "open-ended-only" };

export type FreezeRefusalReason = FreezeRefusal["reason"];

export interface FreezeOffer extends OpenFreeze {
  outcome: "allowed";
  /** Frozen days asked for; null: until unfrozen (at most until lastDay). */
  days: number | null;
  fee: number;
  balance: number;
  balanceAfter: number;
  /** The current year's allowance before this freeze (null: no limit)… */
  allowance: FreezeAllowance | null;
  /** …and what it leaves of it if the freeze lasts to its lastDay. */
  daysLeftAfter: number | null;
}

export type FreezeCheck = FreezeOffer | FreezeRefusal;

export type FreezeResult =
  | ({
      outcome: "frozen";
      /** This database's freeze; null on an external billing. */
      freezeId: number | null;
      /** It starts on a later day. */
      scheduled: boolean;
      fee: number;
      balance: number;
      daysLeftAfter: number | null;
      allowance: FreezeAllowance | null;
    } & OpenFreeze)
  | FreezeRefusal
  /** The fee the subscriber confirmed is no longer the fee (the settings changed). */
  | { outcome: "changed"; offer: FreezeOffer };

export type UnfreezeResult =
  /** Frozen until today, included. */
  | {
      outcome: "unfrozen";
      startsOn: BillingDay;
      endsOn: BillingDay;
      allowance: FreezeAllowance | null;
    }
  /** A freeze that had not started: called off, its fee returned. */
  | { outcome: "cancelled"; startsOn: BillingDay; refund: number; balance: number }
  | { outcome: "not-frozen" }
  /** The billing does not let subscribers unfreeze themselves: staff do it. */
  | { outcome: "not-allowed" };

const dayMs = 24 * 60 * 60 * 1000;
const dayOf = (date: Date): BillingDay => date.toISOString().slice(0, 10);
const yearOf = (day: BillingDay) => Number(day.slice(0, 4));
const daysFromTo = (from: BillingDay, to: BillingDay) =>
  Math.round((Date.parse(to) - Date.parse(from)) / dayMs) + 1;
const laterOf = (a: BillingDay, b: BillingDay) => (a > b ? a : b);
const earlierOf = (a: BillingDay, b: BillingDay) => (a < b ? a : b);

/** A freeze as the rules see it: its days from startsOn to lastDay (cancelled ones are left out). */
interface FreezeRow {
  id: number;
  startsOn: BillingDay;
  endsOn: BillingDay | null;
  lastDay: BillingDay;
  fee: number;
  open: boolean;
}

/** What the rules look at: one contract's state at one moment. */
export interface FreezeFacts {
  status: "ACTIVE" | "BLOCKED" | "CLOSED";
  balance: number;
  /** Its freezes not cancelled, that end in the year before today's or later. */
  freezes: FreezeRow[];
}

/** The days of a freeze that count so far: an open one until unfrozen only up to today. */
function countedLastDay(freeze: FreezeRow, today: BillingDay): BillingDay {
  if (freeze.open && freeze.endsOn === null)
    return earlierOf(freeze.lastDay, laterOf(today, addDays(freeze.startsOn, -1)));
  return freeze.lastDay;
}

/** Frozen days counted in `year`: a day two freezes share (unfrozen, frozen again) counts once. */
function usedIn(year: number, freezes: FreezeRow[], today: BillingDay): number {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const spans = freezes
    .map((freeze) => ({
      from: laterOf(freeze.startsOn, first),
      to: earlierOf(countedLastDay(freeze, today), last),
    }))
    .filter((span) => span.from <= span.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let used = 0;
  let countedTo: BillingDay | null = null;
  for (const span of spans) {
    const from: BillingDay =
      countedTo !== null && span.from <= countedTo ? addDays(countedTo, 1) : span.from;
    if (from <= span.to) used += daysFromTo(from, span.to);
    if (countedTo === null || span.to > countedTo) countedTo = span.to;
  }
  return used;
}

function allowanceOf(
  year: number,
  facts: FreezeFacts,
  settings: FreezeSettings,
  today: BillingDay,
): FreezeAllowance {
  const perYear = settings.freeze.daysPerYear;
  return { year, perYear, daysLeft: Math.max(0, perYear - usedIn(year, facts.freezes, today)) };
}

/** The open freeze, as it stands today (none once past its last day). */
function openFreeze(facts: FreezeFacts, today: BillingDay) {
  const open = facts.freezes.find((freeze) => freeze.open && freeze.lastDay >= today);
  if (!open) return null;
  const state = open.startsOn <= today ? ("frozen" as const) : ("scheduled" as const);
  return { row: open, state, startsOn: open.startsOn, endsOn: open.endsOn, lastDay: open.lastDay };
}

export function freezeTerms(
  facts: FreezeFacts,
  settings: FreezeSettings,
  today: BillingDay,
): FreezeTerms {
  return {
    fee: settings.freeze.fee,
    minDays: settings.freeze.minDays,
    latestStart: addDays(today, settings.freeze.startWithinDays),
    allowance: allowanceOf(yearOf(today), facts, settings, today),
  };
}

export function decideStatus(
  facts: FreezeFacts,
  settings: FreezeSettings,
  today: BillingDay,
): FreezeStatus {
  const terms = freezeTerms(facts, settings, today);
  const open = openFreeze(facts, today);
  if (!open) return { state: "none", ...terms };
  const { state, startsOn, endsOn, lastDay } = open;
  return { state, startsOn, endsOn, lastDay, paidFee: open.row.fee, ...terms };
}

/**
 * The last day a freeze from `startsOn` may last: at most `daysPerYear` days, and within each
 * calendar year it touches no more days than that year's allowance leaves (null: not even its
 * first day); `stoppedBy` is the allowance that ends it there.
 */
function latestLastDay(
  startsOn: BillingDay,
  facts: FreezeFacts,
  settings: FreezeSettings,
  today: BillingDay,
): { lastDay: BillingDay | null; stoppedBy: FreezeAllowance } {
  const cap = addDays(startsOn, settings.freeze.daysPerYear - 1);
  for (let day = startsOn; ; ) {
    const allowance = allowanceOf(yearOf(day), facts, settings, today);
    if (allowance.daysLeft === 0)
      return { lastDay: day === startsOn ? null : addDays(day, -1), stoppedBy: allowance };
    const yearEnd = `${allowance.year}-12-31`;
    const last = earlierOf(addDays(day, allowance.daysLeft - 1), yearEnd);
    if (last >= cap) return { lastDay: cap, stoppedBy: allowance };
    if (last < yearEnd) return { lastDay: last, stoppedBy: allowance };
    day = addDays(yearEnd, 1);
  }
}

/** The rules on one contract's state: an offer, or the first reason to refuse. */
export function decideFreeze(
  facts: FreezeFacts,
  settings: FreezeSettings,
  request: Omit<FreezeRequest, "accountId">,
): FreezeCheck {
  const { today, startsOn, days } = request;
  const { fee, minDays } = settings.freeze;
  if (facts.status === "CLOSED") return { outcome: "refused", reason: "closed" };
  const open = openFreeze(facts, today);
  if (open) {
    const { state, endsOn, lastDay } = open;
    return {
      outcome: "refused",
      reason: "already-frozen",
      freeze: { state, startsOn: open.startsOn, endsOn, lastDay },
    };
  }
  if (facts.status === "BLOCKED" || facts.balance < 0)
    return { outcome: "refused", reason: "debt", balance: facts.balance };
  if (startsOn < today) return { outcome: "refused", reason: "start-in-past", today };
  const latestStart = addDays(today, settings.freeze.startWithinDays);
  if (startsOn > latestStart) return { outcome: "refused", reason: "start-too-far", latestStart };
  if (days !== null && (!Number.isSafeInteger(days) || days < minDays))
    return { outcome: "refused", reason: "too-short", minDays };
  if (days !== null && days > settings.freeze.daysPerYear)
    return { outcome: "refused", reason: "too-long", maxDays: settings.freeze.daysPerYear };

  const latest = latestLastDay(startsOn, facts, settings, today);
  const maxDays = latest.lastDay === null ? 0 : daysFromTo(startsOn, latest.lastDay);
  if (latest.lastDay === null || maxDays < (days ?? minDays)) {
    const { year, perYear, daysLeft } = latest.stoppedBy;
    return { outcome: "refused", reason: "days-used-up", year, perYear, daysLeft, maxDays };
  }
  if (facts.balance < fee) {
    return { outcome: "refused", reason: "balance-too-low", fee, balance: facts.balance };
  }

  const endsOn = days === null ? null : addDays(startsOn, days - 1);
  const lastDay = endsOn ?? latest.lastDay;
  const allowance = allowanceOf(yearOf(today), facts, settings, today);
  const planned: FreezeRow = { id: 0, startsOn, endsOn: lastDay, lastDay, fee, open: false };
  const after = allowanceOf(
    yearOf(today),
    { ...facts, freezes: [...facts.freezes, planned] },
    settings,
    today,
  );
  return {
    outcome: "allowed",
    startsOn,
    endsOn,
    lastDay,
    days,
    fee,
    balance: facts.balance,
    balanceAfter: facts.balance - fee,
    allowance,
    daysLeftAfter: after.daysLeft,
  };
}

type Reader = Prisma.TransactionClient;

async function loadFacts(client: Reader, accountId: number, today: BillingDay) {
  const since = dayAsDate(`${yearOf(today) - 1}-01-01`);
  const account = await client.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      status: true,
      balance: true,
      freezes: {
        where: { cancelledAt: null, lastDay: { gte: since } },
        orderBy: { startsOn: "asc" },
        select: {
          id: true,
          startsOn: true,
          endsOn: true,
          lastDay: true,
          fee: true,
          endedAt: true,
        },
      },
    },
  });
  const freezes = account.freezes.map((freeze) => ({
    id: freeze.id,
    startsOn: dayOf(freeze.startsOn),
    endsOn: freeze.endsOn ? dayOf(freeze.endsOn) : null,
    lastDay: dayOf(freeze.lastDay),
    fee: freeze.fee,
    open: freeze.endedAt === null,
  }));
  return { status: account.status, balance: account.balance, freezes } satisfies FreezeFacts;
}

const lockAccount = (tx: Reader, accountId: number) =>
  tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${accountId} FOR UPDATE`;

const noLastDay = (): never => {
  throw new Error("a built-in freeze always has a last day (the allowance's)");
};

/** The fee's entry: once per freeze. */
export const freezeFeeKey = (freezeId: number) => `freeze-fee:${freezeId}`;
/** The fee returned when a freeze that had not started is called off: once per freeze. */
export const freezeFeeReturnKey = (freezeId: number) => `freeze-fee-return:${freezeId}`;

/** Whether the contract is frozen today, or from a later day, and what a freeze would take. */
export async function freezeStatus(
  db: Db,
  input: { accountId: number; today: BillingDay; settings: FreezeSettings },
): Promise<FreezeStatus> {
  const facts = await loadFacts(db, input.accountId, input.today);
  return decideStatus(facts, input.settings, input.today);
}

/** The open freeze that has not ended by today (a contract has at most one), as a query reads it. */
export const openFreezeRows = (today: BillingDay) =>
  ({
    where: { cancelledAt: null, endedAt: null, lastDay: { gte: dayAsDate(today) } },
    take: 1,
    select: { startsOn: true, endsOn: true, lastDay: true },
  }) satisfies Prisma.Account$freezesArgs;

/** That freeze, under way or ordered, as the balance card mentions it. */
export function freezeNoteOf(
  row: { startsOn: Date; endsOn: Date | null; lastDay: Date } | undefined,
  today: BillingDay,
): FreezeNote | null {
  if (!row) return null;
  const startsOn = dayOf(row.startsOn);
  return {
    state: startsOn <= today ? "frozen" : "scheduled",
    startsOn,
    endsOn: row.endsOn ? dayOf(row.endsOn) : null,
    lastDay: dayOf(row.lastDay),
  };
}

/** Whether the contract may be frozen as asked: the offer (fee, days left), or why not. */
export async function checkFreeze(
  db: Db,
  input: FreezeRequest & { settings: FreezeSettings },
): Promise<FreezeCheck> {
  const facts = await loadFacts(db, input.accountId, input.today);
  return decideFreeze(facts, input.settings, input);
}

/**
 * Orders the freeze if every rule still allows it, and takes its fee, in one transaction; at most
 * one however often or concurrently it is asked. With `expectedFee` (what the subscriber
 * confirmed), another fee orders nothing and returns the new offer.
 */
export async function freezeAccount(
  db: Db,
  input: FreezeRequest & { settings: FreezeSettings; expectedFee?: number },
): Promise<FreezeResult> {
  const { accountId, today, settings } = input;
  try {
    return await db.$transaction(async (tx): Promise<FreezeResult> => {
      await lockAccount(tx, accountId);
      // A freeze past its last day no longer holds the contract's one open place.
      await tx.freeze.updateMany({
        where: { accountId, endedAt: null, cancelledAt: null, lastDay: { lt: dayAsDate(today) } },
        data: { endedAt: new Date() },
      });
      const facts = await loadFacts(tx, accountId, today);
      const offer = decideFreeze(facts, settings, input);
      if (offer.outcome !== "allowed") return offer;
      if (input.expectedFee !== undefined && input.expectedFee !== offer.fee)
        return { outcome: "changed", offer };
      const freeze = await tx.freeze.create({
        data: {
          accountId,
          startsOn: dayAsDate(offer.startsOn),
          endsOn: offer.endsOn === null ? null : dayAsDate(offer.endsOn),
          lastDay: dayAsDate(offer.lastDay ?? noLastDay()),
          fee: offer.fee,
        },
        select: { id: true },
      });
      const balance =
        offer.fee > 0
          ? (
              await postInTransaction(tx, {
                accountId,
                amount: -offer.fee,
                kind: "FREEZE_FEE",
                idempotencyKey: freezeFeeKey(freeze.id),
                reference: `freeze:${freeze.id}`,
              })
            ).balanceAfter
          : offer.balance;
      return {
        outcome: "frozen",
        freezeId: freeze.id,
        scheduled: offer.startsOn > today,
        startsOn: offer.startsOn,
        endsOn: offer.endsOn,
        lastDay: offer.lastDay,
        fee: offer.fee,
        balance,
        allowance: offer.allowance,
        daysLeftAfter: offer.daysLeftAfter,
      };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another request ordered one first: say so.
    const check = await checkFreeze(db, input);
    if (check.outcome === "refused") return check;
    throw error;
  }
}

/**
 * Unfreezes the contract: a freeze under way ends today (today stays frozen), one not yet started
 * is called off and its fee returned. Nothing open: "not-frozen".
 */
export async function unfreezeAccount(
  db: Db,
  input: { accountId: number; today: BillingDay; settings: FreezeSettings },
): Promise<UnfreezeResult> {
  const { accountId, today, settings } = input;
  return db.$transaction(async (tx): Promise<UnfreezeResult> => {
    await lockAccount(tx, accountId);
    const facts = await loadFacts(tx, accountId, today);
    const open = openFreeze(facts, today);
    if (!open) return { outcome: "not-frozen" };
    const { row } = open;
    if (open.state === "frozen") {
      await tx.freeze.update({
        where: { id: row.id },
        data: { endsOn: dayAsDate(today), lastDay: dayAsDate(today), endedAt: new Date() },
      });
      const after = await loadFacts(tx, accountId, today);
      return {
        outcome: "unfrozen",
        startsOn: row.startsOn,
        endsOn: today,
        allowance: allowanceOf(yearOf(today), after, settings, today),
      };
    }
    await tx.freeze.update({ where: { id: row.id }, data: { cancelledAt: new Date() } });
    if (row.fee === 0) {
      return { outcome: "cancelled", startsOn: row.startsOn, refund: 0, balance: facts.balance };
    }
    const posted = await postInTransaction(tx, {
      accountId,
      amount: row.fee,
      kind: "FREEZE_FEE",
      idempotencyKey: freezeFeeReturnKey(row.id),
      reference: `freeze:${row.id}`,
    });
    return {
      outcome: "cancelled",
      startsOn: row.startsOn,
      refund: row.fee,
      balance: posted.balanceAfter,
    };
  });
}

/** The contract's freezes that hold on the day (for the daily charge and the reminders). */
export const frozenOn = (day: BillingDay) =>
  ({
    cancelledAt: null,
    startsOn: { lte: dayAsDate(day) },
    lastDay: { gte: dayAsDate(day) },
  }) satisfies Prisma.FreezeWhereInput;
