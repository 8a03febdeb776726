// How long a card invoice can be paid (INVOICE_LIFETIME_HOURS). Telegram lets an invoice message be
// paid at any time, so the bot sets the limit: an older one is refused at checkout and marked
// EXPIRED by the invoice-expiry job. Read by the bot and by the operator's command line alike.
import { z } from "zod";
import { optional } from "../env-value.ts";

const what = "hours a card invoice can be paid, 1 to 720";

export const invoiceLifetimeFields = {
  INVOICE_LIFETIME_HOURS: optional.pipe(
    z.coerce
      .number<string>({ error: `a whole number (${what})` })
      .int({ error: `a whole number (${what})` })
      .min(1, { error: `a whole number (${what})` })
      .max(720, { error: `a whole number (${what})` })
      .default(24),
  ),
};

type LifetimeEnv = z.output<z.ZodObject<typeof invoiceLifetimeFields>>;

export const hourMs = 60 * 60_000;

/** The lifetime in milliseconds. */
export const invoiceLifetimeMs = (env: LifetimeEnv) => env.INVOICE_LIFETIME_HOURS * hourMs;
