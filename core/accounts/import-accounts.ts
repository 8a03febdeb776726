// Contracts from the operator's CSV (e.g. moved over from the old billing). Every row is checked
// first; each valid one becomes its account and its opening balance, one ledger entry keyed
// `import:<login>:opening`, in a single transaction, so a contract is imported whole or not at
// all. A login that already exists is reported and left as it is; a rerun imports what is left.
// An address the parser cannot read (core/addresses/) is no reason to refuse a contract: it is
// imported with the text only, and named in the report so the operator can correct it.

import { z } from "zod";
import { addressFields } from "../addresses/address.ts";
import { isUniqueViolation, postInTransaction } from "../billing/ledger.ts";
import { rubles } from "../billing/rubles.ts";
import { type RowProblem, readCsv, validRows } from "../csv.ts";
import type { Db } from "../db.ts";
import type { TariffKind } from "../generated/prisma/enums.ts";
import { generatePassword } from "./generated-password.ts";
import { loginFormat } from "./login-policy.ts";
import { hashPassword } from "./password.ts";
import { passwordProblem } from "./password-rules.ts";
import { normalizePhone } from "./phone.ts";

export const accountColumns = {
  required: ["login", "name", "address", "phone", "email", "tariff", "balance"],
  optional: ["password", "iptv"],
} as const;

/** Largest opening balance either way, in kopecks. */
export const maxOpeningBalance = 1_000_000_00;

export const openingKey = (login: string) => `import:${login}:opening`;

export interface ImportedAccount {
  line: number;
  login: string;
  accountId: number;
  /** Set when the row had no password: shown to the operator once, stored only as a hash. */
  generatedPassword: string | null;
}

export interface AccountImportReport {
  /** Data rows in the file (not counting the header and empty lines). */
  rows: number;
  imported: ImportedAccount[];
  existing: { line: number; login: string }[];
  problems: RowProblem[];
  /** Imported contracts whose address was not recognised: kept as text, without street and house. */
  unreadAddresses: { line: number; login: string; address: string }[];
}

export interface ImportAccountsInput {
  csv: string;
  /** Called after every `progressEvery` rows written, and after the last. */
  onProgress?(progress: { done: number; total: number }): void;
  progressEvery?: number;
  /** Called as each contract is committed: a generated password is known from then on. */
  onImported?(account: ImportedAccount): void;
  /** How many days before the money runs out new contracts are reminded (REMINDER_DAYS_AHEAD). */
  reminderDaysAhead?: number;
}

type TariffRef = { id: number; kind: TariffKind };

const passwordRules = {
  length: "8 to 64 characters",
  "digits-only": "not digits only",
  "same-as-login": "not the login",
} as const;

function rowSchema(tariffs: Map<string, TariffRef>) {
  const blankIsNull = (text: string) => (text === "" ? null : text);
  const tariff = (kind: TariffKind) =>
    z.string().transform((code, context) => {
      const found = tariffs.get(code);
      const problem = !found
        ? `no tariff with the code "${code}"`
        : found.kind !== kind
          ? `"${code}" is an ${found.kind} tariff, not ${kind}`
          : null;
      if (!problem) return found?.id ?? 0;
      context.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    });
  const required = (max: number) =>
    z
      .string()
      .min(1, { error: "required" })
      .max(max, { error: `at most ${max} characters` });

  return z
    .object({
      login: z.string().regex(loginFormat, {
        error: "1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'",
      }),
      name: required(200),
      address: required(300),
      phone: z.string().transform((text, context) => {
        const phone = normalizePhone(text);
        if (phone) return phone;
        context.addIssue({
          code: "custom",
          message: text ? `"${text}" is not a Russian phone number` : "required",
        });
        return z.NEVER;
      }),
      email: z
        .string()
        .transform(blankIsNull)
        .pipe(
          z
            .email({ error: "an email address, e.g. name@example.ru" })
            .max(254, { error: "at most 254 characters" })
            .nullable(),
        ),
      tariff: z.string().min(1, { error: "required" }).pipe(tariff("INTERNET")),
      iptv: z.string().transform(blankIsNull).pipe(tariff("IPTV").nullable()),
      balance: z
        .string()
        .transform((text) => text || "0")
        .pipe(rubles)
        .pipe(
          z
            .number()
            .min(-maxOpeningBalance, { error: "at least -1 000 000 rubles" })
            .max(maxOpeningBalance, { error: "at most 1 000 000 rubles" }),
        ),
      password: z
        .string()
        .transform(blankIsNull)
        .superRefine((password, context) => {
          // The rules that do not depend on the login, checked whatever the other fields are.
          const problem = password === null ? null : passwordProblem(password, "");
          if (problem) context.addIssue({ code: "custom", message: passwordRules[problem] });
        }),
    })
    .superRefine((row, context) => {
      const problem = row.password === null ? null : passwordProblem(row.password, row.login);
      if (problem) {
        context.addIssue({ code: "custom", path: ["password"], message: passwordRules[problem] });
      }
    });
}

type ValidRow = z.output<ReturnType<typeof rowSchema>> & { line: number };

export async function importAccounts(
  db: Db,
  input: ImportAccountsInput,
): Promise<AccountImportReport> {
  const table = readCsv(input.csv, accountColumns);
  const report: AccountImportReport = {
    rows: table.rows.length + table.problems.length,
    imported: [],
    existing: [],
    problems: [...table.problems],
    unreadAddresses: [],
  };
  const tariffs = new Map(
    (await db.tariff.findMany({ select: { code: true, id: true, kind: true } })).map(
      ({ code, ...tariff }) => [code, tariff],
    ),
  );
  const valid = validRows(table.rows, rowSchema(tariffs), "login", report.problems);
  const fresh = await withoutExisting(db, valid, report);

  const every = input.progressEvery ?? 500;
  let done = 0;
  // Hashing (scrypt, on libuv's threads) runs a few rows at a time; writes go one by one.
  for (let start = 0; start < fresh.length; start += hashBatch) {
    const batch = fresh.slice(start, start + hashBatch);
    const secrets = await Promise.all(batch.map(secretOf));
    for (const [index, row] of batch.entries()) {
      const secret = secrets[index];
      if (!secret) continue;
      const outcome = await insertAccount(db, row, secret.hash, input.reminderDaysAhead);
      if (outcome.outcome === "imported") {
        const account = {
          line: row.line,
          login: row.login,
          accountId: outcome.accountId,
          generatedPassword: secret.generated,
        };
        report.imported.push(account);
        if (outcome.addressRead === false) {
          report.unreadAddresses.push({ line: row.line, login: row.login, address: row.address });
        }
        input.onImported?.(account);
      } else if (outcome.outcome === "exists") {
        report.existing.push({ line: row.line, login: row.login });
      } else {
        report.problems.push({ line: row.line, field: outcome.field, problem: outcome.problem });
      }
    }
    const before = done;
    done += batch.length;
    if (Math.floor(done / every) > Math.floor(before / every) || done === fresh.length) {
      input.onProgress?.({ done, total: fresh.length });
    }
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}

const hashBatch = 8;

async function withoutExisting(db: Db, rows: ValidRow[], report: AccountImportReport) {
  const existing = new Set<string>();
  for (let start = 0; start < rows.length; start += 1000) {
    const logins = rows.slice(start, start + 1000).map((row) => row.login);
    const found = await db.account.findMany({
      where: { login: { in: logins } },
      select: { login: true },
    });
    for (const { login } of found) existing.add(login);
  }
  for (const row of rows) {
    if (existing.has(row.login)) report.existing.push({ line: row.line, login: row.login });
  }
  return rows.filter((row) => !existing.has(row.login));
}

async function secretOf(row: ValidRow) {
  const generated = row.password === null ? generatePassword(row.login) : null;
  const hash = await hashPassword(row.password ?? generated ?? "");
  return { hash, generated };
}

class RowRejected extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

type Insert =
  | { outcome: "imported"; accountId: number; addressRead: boolean }
  | { outcome: "exists" }
  | { outcome: "failed"; field: string; problem: string };

async function insertAccount(
  db: Db,
  row: ValidRow,
  passwordHash: string,
  reminderDaysAhead: number | undefined,
): Promise<Insert> {
  const address = addressFields(row.address);
  try {
    const accountId = await db.$transaction(async (tx) => {
      const account = await tx.account
        .create({
          data: {
            login: row.login,
            passwordHash,
            name: row.name,
            address: row.address,
            ...address,
            phone: row.phone,
            email: row.email,
            internetTariffId: row.tariff,
            iptvTariffId: row.iptv,
            ...(reminderDaysAhead ? { reminderDaysAhead } : {}),
          },
          select: { id: true },
        })
        .catch(rejectUnique("login", "exists"));
      if (row.balance !== 0) {
        await postInTransaction(tx, {
          accountId: account.id,
          amount: row.balance,
          kind: "ADJUSTMENT",
          idempotencyKey: openingKey(row.login),
          reference: "Входящий остаток",
        }).catch(
          rejectUnique("balance", `the ledger already has the entry ${openingKey(row.login)}`),
        );
      }
      return account.id;
    });
    return { outcome: "imported", accountId, addressRead: address.house !== null };
  } catch (error) {
    if (!(error instanceof RowRejected)) throw error;
    if (error.field === "login") return { outcome: "exists" };
    return { outcome: "failed", field: error.field, problem: error.problem };
  }
}

const rejectUnique =
  (field: string, problem: string) =>
  (error: unknown): never => {
    if (isUniqueViolation(error)) throw new RowRejected(field, problem);
    throw error;
  };
