// The port on Ubilling (docs/ubilling-api.md): sign-in and the contract through the subscriber's
// XMLAgent, the trust payment as the creditor's self-credit (its dry run first), card payments
// through OpenPayz. Every call is made as the contract's subscriber with the md5 the bot keeps
// sealed; a refused one suspends the contract's links (credential-source.ts). A view of the
// contract is two requests (profile, tariff) and is kept for a short while, dropped whenever the
// bot changes the contract's money.
import type { BalanceCard } from "../balance.ts";
import { BillingCredentialRejectedError, BillingUnavailableError } from "../billing-errors.ts";
import { addDays, type BillingDay, billingDayAt } from "../calendar.ts";
import type { CardPaymentsOfDay } from "../card-payments-on.ts";
import type {
  Billing,
  ContractIdentity,
  PasswordVerdict,
  ReminderCandidate,
  RunningOut,
} from "../port.ts";
import type { TariffsView } from "../tariffs.ts";
import type { GrantResult, TrustQuote } from "../trust.ts";
import { openPayzCardPosting } from "./card-posting.ts";
import { asSubscriber, type CredentialSource } from "./credential-source.ts";
import type { OpenPayzClient } from "./openpayz-client.ts";
import {
  readUbillingAddress,
  readUbillingAddressParts,
  type UbillingAddressSpelling,
  ubillingDefaultSpelling,
} from "./ubilling-address.ts";
import { paymentsInOn } from "./ubilling-card-payments.ts";
import { checkFreezeFrom, freezeNoteOf, freezeStatusFrom } from "./ubilling-freeze.ts";
import { feeChargeRange, historyFromUbilling } from "./ubilling-history.ts";
import { balanceCard } from "./ubilling-summary.ts";
import { tariffsFromUbilling } from "./ubilling-tariffs.ts";
import { creditLineOffer, refusalNeedsCard, trustRefusal } from "./ubilling-trust.ts";
import { passwordMd5, type XmlAgentClient } from "./xmlagent-client.ts";
import type { UbillingProfile } from "./xmlagent-schemas.ts";

export interface UbillingBillingDeps {
  agent: XmlAgentClient;
  openpayz: OpenPayzClient;
  core: { coreUrl: string; apiKey: string };
  credentials: CredentialSource & { keep(accountId: number, passwordMd5: string): Promise<void> };
  /** The contract's OpenPayz id, kept from its profile when its subscriber signed in. */
  paymentIdOf(accountId: number): Promise<string | null>;
  timeZone: string;
  /** The currency the bot's invoices are in: a contract counted in another is not signed in. */
  currency: string;
  cacheTtlMs?: number;
  clock?: () => Date;
  /** The provider's offer, shown to whoever has no contract here (the bot's own catalogue). */
  offer(): Promise<TariffsView>;
  /** Told why a sign-in found the billing unusable (logged by the caller). */
  onProblem?(problem: string): void;
  /** How this Ubilling spells addresses (its CITY_DISPLAY, ZERO_TOLERANCE); its defaults if unset. */
  addressSpelling?: UbillingAddressSpelling;
  /** Told once per process of each contract whose address is kept as text only (logged). */
  onUnreadAddress?(login: string): void;
}

/** The characters Ubilling keeps in a login. */
const ubillingLoginFormat = /^[A-Za-z0-9_.]+$/;

/** Contracts asked about at once by a job: the billing's web server is the provider's too. */
const summaryConcurrency = 4;

export type UbillingBilling = Billing & { forget(accountId: number): void };

export function ubillingBilling(deps: UbillingBillingDeps): UbillingBilling {
  const { agent, credentials, timeZone } = deps;
  const clock = deps.clock ?? (() => new Date());
  const ttl = deps.cacheTtlMs ?? 30_000;
  const cache = new Map<number, { card: BalanceCard; day: BillingDay; until: number }>();
  const forget = (accountId: number) => void cache.delete(accountId);
  const spelling = deps.addressSpelling ?? ubillingDefaultSpelling;
  const unreadTold = new Set<string>();

  /** The contract as its profile names it, its address read (its parts when Ubilling sends them). */
  function identityOf(profile: UbillingProfile): ContractIdentity {
    const { payid, address, addressParts } = profile;
    const structuredAddress = addressParts
      ? readUbillingAddressParts(addressParts)
      : readUbillingAddress(address, spelling);
    const told = `${profile.login}\n${address}`;
    if (structuredAddress === null && address.trim() !== "" && !unreadTold.has(told)) {
      unreadTold.add(told);
      deps.onUnreadAddress?.(profile.login);
    }
    return {
      login: profile.login,
      name: profile.realName || profile.login,
      address,
      structuredAddress,
      ...(payid && payid !== "0" ? { billingPaymentId: payid } : {}),
    };
  }

  async function summary(accountId: number, today: BillingDay): Promise<BalanceCard> {
    const kept = cache.get(accountId);
    if (kept && kept.day === today && kept.until > clock().getTime()) return kept.card;
    const as = await asSubscriber(credentials, accountId);
    const [profile, tariffs] = await Promise.all([
      as((c) => agent.profile(c)),
      as((c) => agent.tariffServices(c)),
    ]);
    // Ubilling may answer for another subscriber it matched otherwise (by IP): never shown.
    if (profile.login !== as.login)
      throw new BillingUnavailableError("the profile answered is another subscriber's");
    // Only a frozen contract costs a third request: its freeze's dates.
    const freeze = profile.frozen
      ? freezeNoteOf(freezeStatusFrom(await as((c) => agent.freezeData(c)), today))
      : null;
    const card = balanceCard(profile, tariffs, today, timeZone, freeze);
    cache.set(accountId, { card, day: today, until: clock().getTime() + ttl });
    return card;
  }

  async function freezeData(accountId: number) {
    const as = await asSubscriber(credentials, accountId);
    return as((c) => agent.freezeData(c));
  }

  async function quote(accountId: number, now: Date): Promise<TrustQuote> {
    const as = await asSubscriber(credentials, accountId);
    const outcome = await as((c) => agent.creditCheck(c));
    const card = await summary(accountId, billingDayAt(now, timeZone));
    if (outcome.kind !== "ok")
      return trustRefusal(outcome, refusalNeedsCard(outcome) ? card : null);
    return creditLineOffer(outcome.priceKopecks, card.internet?.monthlyFee ?? 0);
  }

  /** A contract the billing cannot be asked about now is left for the next day's run. */
  async function runningOut(candidate: ReminderCandidate, day: BillingDay) {
    const card = await summary(candidate.accountId, day).catch(() => null);
    if (card?.status !== "ACTIVE" || card.trust || card.enoughUntil === null) return null;
    if (card.daysLeft > candidate.daysAhead) return null;
    return {
      accountId: candidate.accountId,
      login: card.login,
      balance: card.balance,
      dailyCharge: card.dailyCharge,
      daysLeft: card.daysLeft,
      stopsOn: addDays(card.enoughUntil, 1),
    } satisfies RunningOut;
  }

  /** One contract's payments of the day, or why it was not asked. */
  async function paymentsOf(accountId: number, day: BillingDay, into: CardPaymentsOfDay) {
    try {
      const as = await asSubscriber(credentials, accountId);
      const rows = await as((c) => agent.payments(c));
      into.payments.push(...paymentsInOn(accountId, rows, day, timeZone));
    } catch (error) {
      if (error instanceof BillingCredentialRejectedError)
        into.notChecked.push({ accountId, reason: "no-credential" });
      else if (error instanceof BillingUnavailableError)
        into.notChecked.push({ accountId, reason: "unavailable" });
      else throw error;
    }
  }

  return {
    capabilities: {
      ledgerHere: false,
      profileHere: false,
      contactSignIn: false,
      cashTopup: false,
    },
    async verifyPassword({ login, password }): Promise<PasswordVerdict> {
      // Ubilling drops other characters from a login (and its database ignores case): a login
      // typed otherwise than it is would be checked as another spelling of the same contract,
      // each with tries of its own, so only the contract's own spelling is a right login.
      if (!ubillingLoginFormat.test(login)) return { outcome: "wrong" };
      const md5 = passwordMd5(password);
      const profile = await agent.profile({ login, passwordMd5: md5 });
      if (!profile.ok)
        return profile.error === "wrong-credentials"
          ? { outcome: "wrong" }
          : { outcome: "unavailable" };
      if (profile.value.login !== login) {
        if (profile.value.login.toLowerCase() !== login.toLowerCase())
          deps.onProblem?.("Ubilling answered a sign-in with another subscriber's profile");
        return { outcome: "wrong" };
      }
      const currency = profile.value.currency.trim().toUpperCase();
      if (currency !== deps.currency) {
        deps.onProblem?.(
          `Ubilling counts ${login}'s money in ${currency.slice(0, 8)}, not ${deps.currency}`,
        );
        return { outcome: "unavailable" };
      }
      return { outcome: "correct", contract: identityOf(profile.value), credential: md5 };
    },
    async contractIdentity(accountId) {
      const as = await asSubscriber(credentials, accountId);
      const profile = await as((c) => agent.profile(c));
      if (profile.login !== as.login)
        throw new BillingUnavailableError("the profile answered is another subscriber's");
      return identityOf(profile);
    },
    keepCredential: (accountId, credential) => credentials.keep(accountId, credential),
    contractSummary: summary,
    async viewTariffs(accountId, today) {
      if (accountId === null) return deps.offer();
      const as = await asSubscriber(credentials, accountId);
      const [tariffs, allowed] = await Promise.all([
        as((c) => agent.tariffServices(c)),
        as((c) => agent.tariffsAllowed(c)),
      ]);
      return tariffsFromUbilling(tariffs, allowed, today);
    },
    async runningOut(candidates, day) {
      const found: RunningOut[] = [];
      for (let at = 0; at < candidates.length; at += summaryConcurrency) {
        const batch = candidates.slice(at, at + summaryConcurrency);
        const cards = await Promise.all(batch.map((candidate) => runningOut(candidate, day)));
        found.push(...cards.filter((card) => card !== null));
      }
      return found;
    },
    async paymentHistory(query) {
      const as = await asSubscriber(credentials, query.accountId);
      const [payments, fees] = await Promise.all([
        as((c) => agent.payments(c)),
        as((c) => agent.feeCharges(c, feeChargeRange(query))),
      ]);
      return historyFromUbilling(query, payments, fees);
    },
    quoteTrust: ({ accountId, now }) => quote(accountId, now),
    async grantTrust({ accountId, now, expectedAmount }): Promise<GrantResult> {
      const offer = await quote(accountId, now);
      if (offer.outcome === "refused") return offer;
      if (offer.kind !== "credit-line") throw new Error("Ubilling offers only its self-credit");
      if (expectedAmount !== undefined && expectedAmount !== offer.estimatedAmount)
        return { outcome: "changed", offer };
      const today = billingDayAt(now, timeZone);
      const before = await summary(accountId, today);
      const as = await asSubscriber(credentials, accountId);
      const taken = await as((c) => agent.creditTake(c));
      forget(accountId);
      if (taken.kind !== "ok") {
        const card = await summary(accountId, today);
        return trustRefusal(taken, refusalNeedsCard(taken) ? card : null);
      }
      const after = await summary(accountId, today);
      if (!after.trust)
        throw new BillingUnavailableError("the self-credit granted shows no credit");
      return {
        outcome: "granted",
        trustId: null,
        amount: after.trust.amount,
        expiresAt: after.trust.expiresAt,
        balance: after.balance,
        status: after.status,
        unblocked: before.status === "BLOCKED" && after.status === "ACTIVE",
        remaining: null,
      };
    },
    postCardPayment: openPayzCardPosting({
      openpayz: deps.openpayz,
      core: deps.core,
      paymentIdOf: deps.paymentIdOf,
      async balanceOf(accountId) {
        forget(accountId);
        const card = await summary(accountId, billingDayAt(clock(), timeZone)).catch(() => null);
        return card && { balance: card.balance, unblocked: false };
      },
    }),
    forget,
    async freezeStatus(accountId, today) {
      return freezeStatusFrom(await freezeData(accountId), today);
    },
    async checkFreeze(request) {
      return checkFreezeFrom(await freezeData(request.accountId), request);
    },
    async freeze({ expectedFee, ...request }) {
      const offer = checkFreezeFrom(await freezeData(request.accountId), request);
      if (offer.outcome === "refused") return offer;
      if (expectedFee !== undefined && expectedFee !== offer.fee)
        return { outcome: "changed", offer };
      const as = await asSubscriber(credentials, request.accountId);
      const done = await as((c) => agent.freeze(c));
      forget(request.accountId);
      const after = await freezeData(request.accountId);
      if (!done.done) {
        // Frozen meanwhile (another tap), or refused for a reason the billing did not report.
        const again = checkFreezeFrom(after, request);
        if (again.outcome === "refused") return again;
        throw new BillingUnavailableError(`dofreeze: ${done.message.slice(0, 200)}`);
      }
      const status = freezeStatusFrom(after, request.today);
      return {
        outcome: "frozen",
        freezeId: null,
        scheduled: false,
        fee: offer.fee,
        balance: after.balanceKopecks,
        daysLeftAfter: offer.daysLeftAfter,
        allowance: status.allowance,
        startsOn: status.state === "frozen" ? status.startsOn : request.today,
        endsOn: null,
        lastDay: offer.lastDay,
      };
    },
    async unfreeze({ accountId, today }) {
      const before = await freezeData(accountId);
      if (!before.frozen) return { outcome: "not-frozen" };
      const as = await asSubscriber(credentials, accountId);
      const done = await as((c) => agent.unfreeze(c));
      forget(accountId);
      if (!done.done) {
        const after = await freezeData(accountId);
        return after.frozen ? { outcome: "not-allowed" } : { outcome: "not-frozen" };
      }
      const status = freezeStatusFrom(before, today);
      return {
        outcome: "unfrozen",
        startsOn: status.state === "frozen" ? status.startsOn : today,
        endsOn: today,
        allowance: freezeStatusFrom(await freezeData(accountId), today).allowance,
      };
    },
    async cardPaymentsOn({ accountIds, day }) {
      const found: CardPaymentsOfDay = { payments: [], notChecked: [] };
      for (let at = 0; at < accountIds.length; at += summaryConcurrency) {
        const batch = accountIds.slice(at, at + summaryConcurrency);
        await Promise.all(batch.map((accountId) => paymentsOf(accountId, day, found)));
      }
      return found;
    },
  };
}
