// Which billing the bot runs on, and what an external one needs: BILLING=builtin (the default,
// this database) or BILLING=ubilling with the addresses of its subscriber side (userstats), its
// admin side (RemoteAPI), the OpenPayz frontend card payments are posted through, its API key, and
// the key subscribers' billing credentials are stored encrypted with (credential-box.ts).
import { z } from "zod";
import { optional } from "../env-value.ts";
import type { UbillingAddressSpelling } from "./ubilling/ubilling-address.ts";

const httpUrl = (example: string) =>
  z
    .url({ protocol: /^https?$/, error: `a URL like ${example}` })
    .transform((url) => url.replace(/\/+$/, ""));

// 32 random bytes in standard base64, as `openssl rand -base64 32` prints them.
const secretKeyText = /^[A-Za-z0-9+/]{43}=?$/;
const secretKeyError = "32 bytes in base64 (44 characters), e.g. from openssl rand -base64 32";
const secretKeySchema = z
  .string()
  .regex(secretKeyText, { error: secretKeyError })
  .transform((text) => Buffer.from(text, "base64"));
const oldSecretKeysSchema = z
  .string()
  .transform((list) =>
    list
      .split(",")
      .map((key) => key.trim())
      .filter((key) => key !== ""),
  )
  .refine((keys) => keys.every((key) => secretKeyText.test(key)), {
    error: `a comma-separated list of keys, each ${secretKeyError}`,
  })
  .transform((keys) => keys.map((key) => Buffer.from(key, "base64")));

/** A userstats.ini option the bot cannot ask Ubilling for, set as it is there (Ubilling's default 1). */
const iniFlag = (option: string) =>
  optional.pipe(
    z
      .enum(["0", "1"], { error: `0 or 1, as ${option} in Ubilling's userstats.ini` })
      .default("1")
      .transform((flag) => flag === "1"),
  );

export const billingFields = {
  BILLING: optional.pipe(
    z.enum(["builtin", "ubilling"], { error: "builtin or ubilling" }).default("builtin"),
  ),
  UBILLING_USERSTATS_URL: optional.pipe(httpUrl("https://stats.example.ru").optional()),
  UBILLING_URL: optional.pipe(httpUrl("https://billing.example.ru/billing").optional()),
  UBILLING_OPENPAYZ_URL: optional.pipe(
    httpUrl("https://billing.example.ru/openpayz/frontend/osmp").optional(),
  ),
  UBILLING_API_KEY: optional.pipe(
    z
      .string()
      .regex(/^[\w-]{8,128}$/, { error: "Ubilling's serial (the RemoteAPI key), e.g. UB0a1b2c…" })
      .optional(),
  ),
  UBILLING_TIMEOUT_MS: optional.pipe(
    z.coerce
      .number<string>({ error: "a whole number of milliseconds, 100 to 60000" })
      .int({ error: "a whole number of milliseconds, 100 to 60000" })
      .min(100, { error: "a whole number of milliseconds, 100 to 60000" })
      .max(60_000, { error: "a whole number of milliseconds, 100 to 60000" })
      .default(5000),
  ),
  BILLING_SECRET_KEY: optional.pipe(secretKeySchema.optional()),
  UBILLING_CITY_DISPLAY: iniFlag("CITY_DISPLAY"),
  UBILLING_ZERO_TOLERANCE: iniFlag("ZERO_TOLERANCE"),
  BILLING_SECRET_KEY_OLD: optional.pipe(oldSecretKeysSchema.default([])),
};

type BillingEnv = z.output<z.ZodObject<typeof billingFields>>;

const requiredOnUbilling = [
  "UBILLING_USERSTATS_URL",
  "UBILLING_URL",
  "UBILLING_OPENPAYZ_URL",
  "UBILLING_API_KEY",
  "BILLING_SECRET_KEY",
] as const;

export type BillingSettings =
  | { kind: "builtin" }
  | {
      kind: "ubilling";
      userstatsUrl: string;
      url: string;
      openpayzUrl: string;
      apiKey: string;
      timeoutMs: number;
      /** Seals subscribers' stored billing credentials; the old keys still open what they sealed. */
      secretKey: Buffer;
      oldSecretKeys: Buffer[];
      /** How its XMLAgent spells a contract's address (ubilling-address.ts). */
      addressSpelling: UbillingAddressSpelling;
    };

/** The settings' own problems, added to the whole configuration's (one line per variable). */
export function checkBillingFields(env: BillingEnv, ctx: z.RefinementCtx): void {
  if (env.BILLING_SECRET_KEY_OLD.length > 0 && !env.BILLING_SECRET_KEY)
    ctx.addIssue({
      code: "custom",
      path: ["BILLING_SECRET_KEY_OLD"],
      message: "set only with BILLING_SECRET_KEY, the key credentials are sealed with now",
    });
  if (env.BILLING !== "ubilling") return;
  for (const key of requiredOnUbilling) {
    if (env[key] === undefined)
      ctx.addIssue({ code: "custom", path: [key], message: "required with BILLING=ubilling" });
  }
}

export function billingSettings(env: BillingEnv): BillingSettings {
  if (env.BILLING === "builtin") return { kind: "builtin" };
  const { UBILLING_USERSTATS_URL, UBILLING_URL, UBILLING_OPENPAYZ_URL, UBILLING_API_KEY } = env;
  const { BILLING_SECRET_KEY } = env;
  if (
    !UBILLING_USERSTATS_URL ||
    !UBILLING_URL ||
    !UBILLING_OPENPAYZ_URL ||
    !UBILLING_API_KEY ||
    !BILLING_SECRET_KEY
  )
    throw new Error("checkBillingFields lets no incomplete Ubilling settings through");
  return {
    kind: "ubilling",
    userstatsUrl: UBILLING_USERSTATS_URL,
    url: UBILLING_URL,
    openpayzUrl: UBILLING_OPENPAYZ_URL,
    apiKey: UBILLING_API_KEY,
    timeoutMs: env.UBILLING_TIMEOUT_MS,
    secretKey: BILLING_SECRET_KEY,
    oldSecretKeys: env.BILLING_SECRET_KEY_OLD,
    addressSpelling: {
      cityShown: env.UBILLING_CITY_DISPLAY,
      zeroApartmentHidden: env.UBILLING_ZERO_TOLERANCE,
    },
  };
}
