// The built-in billing (the default): the ledger, the daily charge, tariffs and trust payments in
// this database.
import type { Db } from "../db.ts";
import { getBalanceCard } from "./balance.ts";
import { cardTopUpsOn } from "./card-payments-on.ts";
import {
  checkFreeze,
  type FreezeSettings,
  freezeAccount,
  freezeStatus,
  unfreezeAccount,
} from "./freeze.ts";
import { getHistory } from "./history.ts";
import { verifyLocalPassword } from "./local-password.ts";
import type { Billing } from "./port.ts";
import { runningOutOnLedger } from "./running-out.ts";
import { ledgerTariffChanges, viewTariffs } from "./tariffs.ts";
import { grantTrust, quoteTrust, type TrustSettings } from "./trust.ts";

export function builtinBilling(db: Db, trust: TrustSettings & FreezeSettings): Billing {
  return {
    capabilities: {
      ledgerHere: true,
      profileHere: true,
      contactSignIn: true,
      cashTopup: true,
    },
    verifyPassword: (attempt) => verifyLocalPassword(attempt),
    contractSummary: (accountId, today) => getBalanceCard(db, accountId, today),
    runningOut: (candidates, day) => runningOutOnLedger(db, candidates, day),
    viewTariffs: (accountId) => viewTariffs(db, accountId),
    tariffChanges: ledgerTariffChanges(db),
    paymentHistory: (query) => getHistory(db, query),
    quoteTrust: (input) => quoteTrust(db, { ...input, config: trust }),
    grantTrust: (input) => grantTrust(db, { ...input, config: trust }),
    // The voluntary freeze; `trust` is the configuration, which holds the freeze settings too.
    freezeStatus: (accountId, today) => freezeStatus(db, { accountId, today, settings: trust }),
    checkFreeze: (input) => checkFreeze(db, { ...input, settings: trust }),
    freeze: (input) => freezeAccount(db, { ...input, settings: trust }),
    unfreeze: (input) => unfreezeAccount(db, { ...input, settings: trust }),
    cardPaymentsOn: (input) => cardTopUpsOn(db, { ...input, timeZone: trust.timeZone }),
  };
}
