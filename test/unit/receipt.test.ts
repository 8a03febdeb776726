// The receipt data of a top-up invoice: its one item is the invoice's total, kopecks exact.
import { describe, expect, it } from "vitest";
import { amountValue, invoiceReceipt } from "../../core/payments/receipt.ts";
import type { ReceiptSettings } from "../../core/payments/receipt-settings.ts";

const settings: ReceiptSettings = {
  vatCode: 1,
  taxSystem: 2,
  paymentSubject: "service",
  paymentMode: "advance",
  contact: "email",
};

describe("the invoice's receipt", () => {
  it("writes kopecks as ЮKassa's amount, exactly", () => {
    const cases: [number, string][] = [
      [100_00, "100.00"],
      [750_50, "750.50"],
      [1000_05, "1000.05"],
      [15_000_00, "15000.00"],
      [99, "0.99"],
    ];
    for (const [kopecks, value] of cases) expect(amountValue(kopecks)).toBe(value);
    for (let kopecks = 100_00; kopecks <= 101_00; kopecks += 1)
      expect(Math.round(Number(amountValue(kopecks)) * 100)).toBe(kopecks);
  });

  it("has one item for the whole sum, the tax system and the contact where known", () => {
    expect(
      invoiceReceipt(
        { description: "Пополнение, договор 10001", amount: 500_00, customer: null },
        settings,
      ),
    ).toEqual({
      receipt: {
        items: [
          {
            description: "Пополнение, договор 10001",
            quantity: "1.00",
            amount: { value: "500.00", currency: "RUB" },
            vat_code: 1,
            payment_subject: "service",
            payment_mode: "advance",
          },
        ],
        tax_system_code: 2,
      },
    });
    const withPhone = invoiceReceipt(
      { description: "x".repeat(200), amount: 100_00, customer: { phone: "79280000001" } },
      { ...settings, taxSystem: undefined },
    );
    expect(withPhone.receipt.customer).toEqual({ phone: "79280000001" });
    expect(withPhone.receipt.items[0]?.description).toHaveLength(128);
    expect(withPhone.receipt).not.toHaveProperty("tax_system_code");
  });
});
