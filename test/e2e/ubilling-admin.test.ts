// The operator's command line on Ubilling: show-account shows the contract as the billing has
// it, reconcile compares the day's card payments with Ubilling's, and the commands of the
// built-in ledger say why they do not apply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { today } from "../../core/jobs/registry.ts";
import { adminInProcess } from "../support/admin-in-process.ts";
import {
  type BillingWorld,
  rub,
  signedInOn,
  startUbillingWorld,
  ubillingEnv,
} from "../support/billing-worlds.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";

describe.skipIf(noPostgres || noRedis)("the operator's commands on Ubilling", () => {
  let world: BillingWorld;
  let ub: NonNullable<BillingWorld["ubilling"]>;
  let env: Record<string, string>;
  beforeAll(async () => {
    world = await startUbillingWorld();
    ub = world.ubilling ?? expect.unreachable("the Ubilling world has its emulator");
    env = {
      DATABASE_URL: world.harness.database.url,
      ...ubillingEnv(ub),
      PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet",
    };
  });
  afterAll(() => world?.stop());

  it("shows a contract's money from Ubilling, and says when it cannot be asked", async () => {
    await signedInOn(world, "Оператор", world.logins.active);
    const shown = await adminInProcess(["show-account", world.logins.active], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout.join("\n")).toContain(`balance    ${rub(1250_00)}`);
    expect(shown.stdout.join("\n")).toContain("internet   Home-450");
    ub.setDown("unavailable");
    try {
      const down = await adminInProcess(["show-account", world.logins.active], env);
      expect(down.stdout.join("\n")).toMatch(/money {6}not known: The billing is not answering/);
    } finally {
      ub.setDown(false);
    }
  });

  it("refuses the built-in ledger's commands, saying where it is done instead", async () => {
    const cases: [string[], string][] = [
      [["cash-topup", world.logins.active, "500", "--receipt", "A-1"], "takes cash in the billing"],
      [["set-password", world.logins.active, "--generate"], "keeps the passwords"],
      [["import-accounts", "accounts.csv"], "holds the contracts"],
    ];
    for (const [args, why] of cases) {
      const run = await adminInProcess(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr.join("\n")).toContain(`${args[0]}: BILLING=ubilling ${why}`);
    }
  });

  it("reconciles the day: a posted card payment matches, a cash one is shown but agrees", async () => {
    const user = await signedInOn(world, "Оператор", world.logins.low);
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    await user.pay(invoice);
    await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes(`Баланс: ${rub(540_00)}`)),
    );
    ub.addPayment(world.logins.low, 300, "cash at the office");
    const run = await adminInProcess(["reconcile", "--date", today("UTC")], env);
    const out = run.stdout.join("\n");
    expect(out).toContain("1 paid in the bot");
    expect(out).toContain("1 matched, they agree; 1 other payments in the billing (cash or card)");
    expect(out).toContain("may be cash");
    expect(run.code).toBe(0);
  });
});
