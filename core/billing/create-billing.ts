// The billing the configuration names, built once at start for the bot and the operator's
// command line: the built-in one on this database, or Ubilling through its clients, with the
// subscribers' credentials sealed in this database and its start check.
import { sealedCredentials } from "../accounts/billing-credentials.ts";
import { createCredentialBox } from "../accounts/credential-box.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import type { Logger } from "../logger.ts";
import { currency } from "../payments/topup.ts";
import { builtinBilling } from "./builtin-billing.ts";
import type { Billing } from "./port.ts";
import { viewTariffs } from "./tariffs.ts";
import { createOpenPayzClient } from "./ubilling/openpayz-client.ts";
import { checkUbillingAtStart, type StartCheck } from "./ubilling/start-check.ts";
import { ubillingBilling } from "./ubilling/ubilling-billing.ts";
import { createXmlAgentClient } from "./ubilling/xmlagent-client.ts";

export interface ConfiguredBilling {
  billing: Billing;
  /** What the log says the bot runs on (no secret in it). */
  describe: string;
  /** Whether the billing answers as the bot needs it to, before the bot starts on it. */
  check(): Promise<StartCheck>;
}

export function createBilling(config: Config, db: Db, logger: Logger): ConfiguredBilling {
  const settings = config.billing;
  if (settings.kind === "builtin")
    return {
      billing: builtinBilling(db, config),
      describe: "the built-in billing",
      check: async () => ({ ok: true, currency }),
    };

  const http = { timeoutMs: settings.timeoutMs };
  const agent = createXmlAgentClient({ userstatsUrl: settings.userstatsUrl, ...http });
  const openpayz = createOpenPayzClient({ osmpUrl: settings.openpayzUrl, ...http });
  const core = { coreUrl: settings.url, apiKey: settings.apiKey };
  const store = sealedCredentials(
    db,
    createCredentialBox(settings.secretKey, settings.oldSecretKeys),
  );
  const credentialsOf = async (accountId: number) => {
    const found = await store.findWithLogin(accountId);
    return found && { login: found.login, passwordMd5: found.credential };
  };
  const billing = ubillingBilling({
    agent,
    openpayz,
    core,
    credentials: { find: credentialsOf, rejected: (id) => store.rejected(id), keep: store.keep },
    paymentIdOf: async (accountId) =>
      (
        await db.account.findUnique({
          where: { id: accountId },
          select: { billingPaymentId: true },
        })
      )?.billingPaymentId ?? null,
    timeZone: config.timeZone,
    currency,
    offer: () => viewTariffs(db, null),
    onProblem: (problem) => logger.error(problem),
    addressSpelling: settings.addressSpelling,
    onUnreadAddress: (login) =>
      logger.warn(
        { login },
        "Ubilling's address of the contract not read into street and house: kept as text, reached only by city-wide outages (npm run admin -- addresses lists them)",
      ),
  });
  return {
    billing,
    describe: `Ubilling at ${settings.userstatsUrl}`,
    check: () =>
      checkUbillingAtStart({
        agent,
        openpayz,
        core,
        currency,
        sampleCredential: async () => {
          const signedIn = await db.account.findFirst({
            where: { billingCredential: { not: null } },
            orderBy: { updatedAt: "desc" },
            select: { id: true },
          });
          return signedIn ? credentialsOf(signedIn.id) : null;
        },
      }),
  };
}
