// The userstats XMLAgent and the creditor module, called as the subscriber (docs/ubilling-api.md
// §1-2): each call signs in again with the login and the md5 of the password.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { type CreditOutcome, creditOutcome } from "./creditor-reply.ts";
import { endpoint, type HttpOptions, httpGet } from "./http.ts";
import { failure, success, type UbillingResult } from "./result.ts";
import {
  agentErrorSchema,
  creditorReplySchema,
  feeChargesSchema,
  freezeActionSchema,
  freezeDataSchema,
  justAuthSchema,
  paymentsSchema,
  profileSchema,
  tariffServicesSchema,
  tariffsAllowedSchema,
  type UbillingFeeCharge,
  type UbillingFreezeAction,
  type UbillingFreezeData,
  type UbillingPayment,
  type UbillingProfile,
  type UbillingSwitchableTariff,
  type UbillingTariffServices,
} from "./xmlagent-schemas.ts";

export interface UbillingCredentials {
  login: string;
  /** Lower-case hex md5 of the plain password, as `uberpassword` wants it. */
  passwordMd5: string;
}

export interface XmlAgentClientOptions extends HttpOptions {
  /** `{US}`, the userstats web root (requests go to `${userstatsUrl}/index.php`). */
  userstatsUrl: string;
}

/** "YYYY-MM-DD" bounds, both optional and inclusive of the day `from`. */
export interface DateRange {
  from?: string;
  to?: string;
}

export type GrantableOutcome = Exclude<CreditOutcome, { kind: "unexpected" }>;

export interface XmlAgentClient {
  justAuth(credentials: UbillingCredentials): Promise<UbillingResult<{ login: string }>>;
  profile(credentials: UbillingCredentials): Promise<UbillingResult<UbillingProfile>>;
  /** Newest first. */
  payments(credentials: UbillingCredentials): Promise<UbillingResult<UbillingPayment[]>>;
  /** Oldest first. */
  feeCharges(
    credentials: UbillingCredentials,
    range?: DateRange,
  ): Promise<UbillingResult<UbillingFeeCharge[]>>;
  /** The user's tariff with its price and period, and its virtual services. */
  tariffServices(credentials: UbillingCredentials): Promise<UbillingResult<UbillingTariffServices>>;
  tariffsAllowed(
    credentials: UbillingCredentials,
  ): Promise<UbillingResult<UbillingSwitchableTariff[]>>;
  freezeData(credentials: UbillingCredentials): Promise<UbillingResult<UbillingFreezeData>>;
  /** Ubilling checks nothing here: apply freezeData's rules first. */
  freeze(credentials: UbillingCredentials): Promise<UbillingResult<UbillingFreezeAction>>;
  unfreeze(credentials: UbillingCredentials): Promise<UbillingResult<UbillingFreezeAction>>;
  /** The dry run (justcheck): every check, nothing granted. */
  creditCheck(credentials: UbillingCredentials): Promise<UbillingResult<GrantableOutcome>>;
  /** Grants on "ok"; read the profile afterwards for the amount and the expiry. */
  creditTake(credentials: UbillingCredentials): Promise<UbillingResult<GrantableOutcome>>;
}

export function passwordMd5(plain: string): string {
  return createHash("md5").update(plain, "utf8").digest("hex");
}

export function createXmlAgentClient(options: XmlAgentClientOptions): XmlAgentClient {
  const call = async <S extends z.ZodType>(
    credentials: UbillingCredentials,
    params: Record<string, string>,
    schema: S,
  ): Promise<UbillingResult<z.output<S>>> => {
    const query = {
      ...params,
      json: "true",
      uberlogin: credentials.login,
      uberpassword: credentials.passwordMd5,
    };
    const answer = await httpGet(endpoint(options.userstatsUrl, query), options);
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    if (status === 401 && text.trim() === "ERROR_WRONG_UBERAUTH") {
      return failure("wrong-credentials", "ERROR_WRONG_UBERAUTH");
    }
    if (status !== 200) return failure("unexpected", `HTTP ${status}`);
    const body = parseJson(text);
    // HTML (a banned subscriber's youshallnotpass page, apiconnfail, a proxy) or garbage.
    if (body === undefined) return failure("unavailable", "not a JSON reply");
    const agentError = agentErrorSchema.strict().safeParse(body);
    if (agentError.success) {
      const { reason } = agentError.data;
      return reason === "disabled"
        ? failure("disabled", "the XMLAgent is disabled")
        : failure("unexpected", `agent error ${reason.slice(0, 40)}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return failure("unexpected", `reply shape: ${issuePaths(parsed.error)}`);
    return success(parsed.data);
  };

  const agent = <S extends z.ZodType>(
    credentials: UbillingCredentials,
    params: Record<string, string>,
    schema: S,
  ) => call(credentials, { xmlagent: "true", ...params }, schema);

  const credit = async (credentials: UbillingCredentials, justcheck: boolean) => {
    const params = {
      module: "creditor",
      agentcredit: "true",
      ...(justcheck ? { justcheck: "true" } : {}),
    };
    const reply = await call(credentials, params, creditorReplySchema);
    if (!reply.ok) return reply;
    const outcome = creditOutcome(reply.value);
    if (outcome.kind === "unexpected") {
      return failure("unexpected", `creditor status ${outcome.status}`);
    }
    return success(outcome);
  };

  return {
    justAuth: async (credentials) => {
      const reply = await agent(credentials, { justauth: "true" }, justAuthSchema);
      if (!reply.ok) return reply;
      // Ubilling finds the login again by IP: a shared IP can name another account.
      if (reply.value.login !== credentials.login) return failure("unexpected", "another login");
      return success({ login: reply.value.login });
    },
    profile: (credentials) => agent(credentials, {}, profileSchema),
    payments: (credentials) => agent(credentials, { payments: "true" }, paymentsSchema),
    feeCharges: (credentials, range = {}) =>
      agent(
        credentials,
        {
          feecharges: "true",
          ...(range.from === undefined ? {} : { datefrom: range.from }),
          ...(range.to === undefined ? {} : { dateto: range.to }),
        },
        feeChargesSchema,
      ),
    tariffServices: (credentials) =>
      agent(credentials, { tariffvservices: "true" }, tariffServicesSchema),
    tariffsAllowed: (credentials) =>
      agent(credentials, { tarifftoswitchallowed: "true" }, tariffsAllowedSchema),
    freezeData: (credentials) => agent(credentials, { freezedata: "true" }, freezeDataSchema),
    freeze: (credentials) => agent(credentials, { dofreeze: "true" }, freezeActionSchema),
    unfreeze: (credentials) => agent(credentials, { dounfreeze: "true" }, freezeActionSchema),
    creditCheck: (credentials) => credit(credentials, true),
    creditTake: (credentials) => credit(credentials, false),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Which fields failed, without their values. */
function issuePaths(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => issue.path.join(".") || "(root)")
    .join(", ");
}
