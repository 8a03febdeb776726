// set-password <login> [--generate]: the password from standard input, or a generated one
// printed once as login;password.

import { accountReport } from "../../../core/accounts/account-report.ts";
import { generatePassword } from "../../../core/accounts/generated-password.ts";
import { setPasswordByOperator } from "../../../core/accounts/operator-password.ts";
import { refuseOnExternalBilling } from "../builtin-only.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";
import { readPassword } from "../password-input.ts";

const rules = {
  length: "8 to 64 characters",
  "digits-only": "not digits only",
  "same-as-login": "not the login",
} as const;

export const setPasswordCommand: AdminCommand = {
  name: "set-password",
  usage: "set-password <login> [--generate]",
  summary: "sets a contract's password (read from stdin, or generated and printed once)",
  async run(args, { io, db }) {
    refuseOnExternalBilling(io, "set-password", "keeps the passwords: set it in the billing");
    const { positionals, values } = parseCommandLine(this, args, {
      options: { generate: { type: "boolean" } },
      positionals: ["login"],
    });
    const login = positionals[0] ?? "";
    const database = await db();
    if (!(await accountReport(database, { login, entries: 0 }))) {
      throw new UsageError(`unknown login "${login}"`);
    }
    const password = values.generate
      ? generatePassword(login)
      : await readPassword(io, `New password for ${login}:`);
    const result = await setPasswordByOperator(database, { login, password });
    if (result.outcome === "unknown-login") throw new UsageError(`unknown login "${login}"`);
    if (result.outcome === "weak") throw new UsageError(`password: ${rules[result.problem]}`);
    if (values.generate) io.out(`${result.login};${password}`);
    io.err(
      `password of ${result.login} set` +
        (result.linkedTelegramUsers > 0
          ? `; ${result.linkedTelegramUsers} linked Telegram users stay signed in`
          : ""),
    );
    return exitCode.ok;
  },
};
