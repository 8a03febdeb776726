// What the log keeps (error codes, to tell one failure from another) and what it never holds.
import { describe, expect, it } from "vitest";
import { captureLogs } from "../support/captured-logger.ts";

const botToken = "7012345678:AAHk3xQvZ9LmN0pQrStUvWxYz_abcdEFGhij";

describe("logger redaction", () => {
  it("keeps an error's code", () => {
    const { logger, lines } = captureLogs();
    const error = Object.assign(new Error("Unique constraint failed on the fields: (`login`)"), {
      code: "P2002",
      name: "PrismaClientKnownRequestError",
    });
    logger.error({ err: error }, "import failed");
    logger.warn({ error: { code: "ECONNREFUSED" } }, "redis down");
    expect(lines.join("")).toContain('"code":"P2002"');
    expect(lines.join("")).toContain('"code":"ECONNREFUSED"');
  });

  it("never writes passwords, tokens or mailed codes", () => {
    const { logger, lines } = captureLogs();
    logger.info({ password: "Kasp-secret-1", input: { newPassword: "Kasp-secret-2" } }, "login");
    logger.info({ botToken, config: { providerToken: "381764678:TEST:secret-provider" } }, "start");
    logger.info({ config: { paymentProviderToken: "390540012:LIVE:secret-payments" } }, "config");
    logger.info({ env: { PAYMENT_PROVIDER_TOKEN: "390540012:LIVE:secret-env" } }, "env");
    logger.info({ code: "482913", result: { outcome: "sent", code: "573028" } }, "mailed");
    logger.info({ step: { input: { form: [{ password: "Kasp-secret-3" }] } } }, "deep");
    const fetchError = new Error(
      `request to https://api.telegram.org/bot${botToken}/getUpdates failed, reason: socket hang up`,
    );
    logger.error({ err: fetchError, url: `https://api.telegram.org/bot${botToken}/sendMessage` });
    logger.warn(`polling failed: https://api.telegram.org/bot${botToken}/getUpdates`);
    const log = lines.join("");
    const secrets = [
      "Kasp-secret-1",
      "Kasp-secret-2",
      "Kasp-secret-3",
      "secret-provider",
      "secret-payments",
    ];
    for (const secret of [...secrets, "secret-env", "482913", "573028"])
      expect(log).not.toContain(secret);
    expect(log).not.toContain(botToken);
    expect(log).not.toContain("AAHk3xQvZ9LmN0pQrStUvWxYz");
    expect(log).toContain("api.telegram.org/bot[secret]/getUpdates");
  });
});
