// What the bot checks of Ubilling before it starts on it: the subscriber side answers with its
// XMLAgent on, the API key opens RemoteAPI, the OpenPayz frontend answers, and the billing counts
// money in the invoices' currency (read from a signed-in contract's profile, when there is one).
// Each problem is one line naming the setting to look at.
import type { OpenPayzClient } from "./openpayz-client.ts";
import type { UbillingCredentials, XmlAgentClient } from "./xmlagent-client.ts";

export interface StartCheckDeps {
  agent: XmlAgentClient;
  openpayz: OpenPayzClient;
  core: { coreUrl: string; apiKey: string };
  /** Any contract's credential, to read the billing's currency; null before anyone signed in. */
  sampleCredential(): Promise<UbillingCredentials | null>;
  /** The currency the bot's invoices are in. */
  currency: string;
}

export type StartCheck = { ok: true; currency: string | null } | { ok: false; problem: string };

// A login no subscriber has: the XMLAgent's answer to it says whether it is there and on.
const nobody = { login: "kaspnet_bot_start_check", passwordMd5: "0".repeat(32) };

export async function checkUbillingAtStart(deps: StartCheckDeps): Promise<StartCheck> {
  const userstats = await deps.agent.justAuth(nobody);
  if (userstats.ok || userstats.error === "unexpected")
    return problem(`UBILLING_USERSTATS_URL answers, but not as Ubilling's userstats does`);
  if (userstats.error === "unavailable")
    return problem(`UBILLING_USERSTATS_URL does not answer (${userstats.detail})`);
  if (userstats.error === "disabled")
    return problem("the XMLAgent is off in Ubilling's userstats (UBA_ENABLED in userstats.ini)");

  const remote = await deps.openpayz.processPayments(deps.core);
  if (!remote.ok) {
    if (remote.error === "wrong-credentials")
      return problem("UBILLING_API_KEY is not this Ubilling's serial");
    if (remote.error === "unavailable")
      return problem(`UBILLING_URL does not answer as Ubilling's RemoteAPI (${remote.detail})`);
    if (remote.detail === "ERROR:API_DISABLED")
      return problem("RemoteAPI is off in Ubilling (REMOTEAPI_ENABLED in alter.ini)");
    if (remote.detail === "ERROR:OPENPAYZ_DISABLED")
      return problem("OpenPayz is off in Ubilling (OPENPAYZ_SUPPORT in alter.ini)");
    // OPENPAYZ_HIGHLOAD_DISABLED: payments are applied as they come, nothing to process.
    if (remote.error !== "disabled") return problem(`UBILLING_URL: ${remote.detail}`);
  }

  const frontend = await deps.openpayz.check({ payid: "0", sum: 100 });
  if (!frontend.ok)
    return problem(
      `UBILLING_OPENPAYZ_URL does not answer as OpenPayz's OSMP frontend (${frontend.detail})`,
    );

  const sample = await deps.sampleCredential();
  if (!sample) return { ok: true, currency: null };
  const profile = await deps.agent.profile(sample);
  if (!profile.ok && profile.error === "disabled")
    return problem("the XMLAgent is off in Ubilling's userstats (UBA_ENABLED in userstats.ini)");
  // A credential changed since: the currency is checked with the next one.
  if (!profile.ok) return { ok: true, currency: null };
  const currency = profile.value.currency.trim().toUpperCase();
  if (currency !== deps.currency)
    return problem(
      `Ubilling counts money in ${currency.slice(0, 8)} (currency in userstats.ini), the bot's invoices are in ${deps.currency}`,
    );
  return { ok: true, currency };
}

const problem = (text: string): StartCheck => ({ ok: false, problem: text });
