// The receipt data of a top-up invoice (ЮKassa's `receipt` in provider_data): one item for the
// whole sum, so the item always adds up to the invoice's total, kopecks exact.
import type { ReceiptSettings } from "./receipt-settings.ts";
import { currency } from "./topup.ts";

export interface ReceiptItem {
  description: string;
  quantity: string;
  amount: { value: string; currency: string };
  vat_code: number;
  payment_subject: string;
  payment_mode: string;
}

export interface InvoiceReceipt {
  receipt: {
    items: ReceiptItem[];
    tax_system_code?: number;
    customer?: { email: string } | { phone: string };
  };
}

/** Kopecks as ЮKassa's amount value: "500.00". */
export const amountValue = (kopecks: number) =>
  `${Math.trunc(kopecks / 100)}.${String(kopecks % 100).padStart(2, "0")}`;

export function invoiceReceipt(
  input: {
    /** What the item says: the top-up of the contract (at most 128 characters for ЮKassa). */
    description: string;
    amount: number;
    customer: { email: string } | { phone: string } | null;
  },
  settings: ReceiptSettings,
): InvoiceReceipt {
  return {
    receipt: {
      items: [
        {
          description: input.description.slice(0, 128),
          quantity: "1.00",
          amount: { value: amountValue(input.amount), currency },
          vat_code: settings.vatCode,
          payment_subject: settings.paymentSubject,
          payment_mode: settings.paymentMode,
        },
      ],
      ...(settings.taxSystem === undefined ? {} : { tax_system_code: settings.taxSystem }),
      ...(input.customer ? { customer: input.customer } : {}),
    },
  };
}
