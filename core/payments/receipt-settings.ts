// What the fiscal receipt (54-ФЗ) of a card top-up says, as ЮKassa takes it in an invoice's
// provider_data: the VAT code of the provider's tax regime, its tax system, how the payment is
// settled and what is paid for. A top-up of a personal account is an advance for a service.
import { z } from "zod";
import { optional } from "../env-value.ts";

/** ЮKassa's vat_code values: 1 no VAT, 2 0 %, 3 10 %, 4 20 %, 5 10/110, 6 20/120, 7 5 %, 8 7 %, 9 5/105, 10 7/107. */
export const vatCodes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** ЮKassa's tax_system_code values: 1 ОСН, 2 УСН доходы, 3 УСН доходы − расходы, 4 ЕНВД, 5 ЕСХН, 6 ПСН. */
export const taxSystemCodes = [1, 2, 3, 4, 5, 6] as const;
export const paymentSubjects = ["service", "payment", "commodity", "another"] as const;
export const paymentModes = [
  "advance",
  "full_prepayment",
  "partial_prepayment",
  "full_payment",
] as const;

const codeOf = (codes: readonly number[], what: string) =>
  z.coerce
    .number<string>()
    .refine((code) => codes.includes(code), { error: `one of ${codes.join(", ")} (${what})` });

export const receiptFields = {
  RECEIPT_VAT_CODE: optional.pipe(codeOf(vatCodes, "ЮKassa's vat_code").default(1)),
  RECEIPT_TAX_SYSTEM: optional.pipe(codeOf(taxSystemCodes, "ЮKassa's tax_system_code").optional()),
  RECEIPT_PAYMENT_SUBJECT: optional.pipe(
    z.enum(paymentSubjects, { error: paymentSubjects.join(", ") }).default("service"),
  ),
  RECEIPT_PAYMENT_MODE: optional.pipe(
    z.enum(paymentModes, { error: paymentModes.join(", ") }).default("advance"),
  ),
  RECEIPT_CONTACT: optional.pipe(
    z.enum(["email", "phone"], { error: "email or phone" }).default("email"),
  ),
};

export interface ReceiptSettings {
  vatCode: number;
  taxSystem: number | undefined;
  paymentSubject: (typeof paymentSubjects)[number];
  paymentMode: (typeof paymentModes)[number];
  /** Where the receipt goes when the contract has none: asked for by Telegram at checkout. */
  contact: "email" | "phone";
}

type ReceiptEnv = z.output<z.ZodObject<typeof receiptFields>>;

export function receiptSettings(env: ReceiptEnv): ReceiptSettings {
  return {
    vatCode: env.RECEIPT_VAT_CODE,
    taxSystem: env.RECEIPT_TAX_SYSTEM,
    paymentSubject: env.RECEIPT_PAYMENT_SUBJECT,
    paymentMode: env.RECEIPT_PAYMENT_MODE,
    contact: env.RECEIPT_CONTACT,
  };
}
