// Tariffs from the operator's CSV, by code: a new code is created, a known one updated. Every
// row is checked first; the valid ones are written in one transaction. A tariff's kind does not
// change (contracts hold internet and IPTV tariffs in different places).
import { z } from "zod";
import { type RowProblem, readCsv, validRows } from "../csv.ts";
import type { Db } from "../db.ts";
import { rubles } from "./rubles.ts";

export const tariffColumns = {
  required: ["code", "name", "kind", "monthly_fee"],
  optional: ["speed_mbps", "channels", "description", "active"],
} as const;

export const tariffCodeFormat = /^[A-Za-z0-9._-]{1,32}$/;

export interface TariffImportReport {
  rows: number;
  created: string[];
  updated: string[];
  unchanged: string[];
  problems: RowProblem[];
}

const blankIsNull = (text: string) => (text === "" ? null : text);

const count = (what: string) =>
  z
    .string()
    .transform(blankIsNull)
    .pipe(
      z.coerce
        .number<string>({ error: `a whole number of ${what}` })
        .int({ error: `a whole number of ${what}` })
        .positive({ error: `a positive number of ${what}` })
        .max(100_000, { error: `at most 100 000 ${what}` })
        .nullable(),
    );

const yesNo: Record<string, boolean> = {
  "": true,
  true: true,
  yes: true,
  "1": true,
  false: false,
  no: false,
  "0": false,
};

const rowSchema = z
  .object({
    code: z.string().regex(tariffCodeFormat, {
      error: "1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'",
    }),
    name: z.string().min(1, { error: "required" }).max(100, { error: "at most 100 characters" }),
    kind: z
      .string()
      .transform((text) => text.toUpperCase())
      .pipe(z.enum(["INTERNET", "IPTV"], { error: "INTERNET or IPTV" })),
    monthly_fee: rubles.pipe(
      z
        .number()
        .min(0, { error: "not negative" })
        .max(100_000_00, { error: "at most 100 000 rubles" }),
    ),
    speed_mbps: count("Mbit/s"),
    channels: count("channels"),
    description: z.string().max(500, { error: "at most 500 characters" }).transform(blankIsNull),
    active: z.string().transform((text, context) => {
      const value = yesNo[text.toLowerCase()];
      if (value !== undefined) return value;
      context.addIssue({ code: "custom", message: "true or false (empty: true)" });
      return z.NEVER;
    }),
  })
  .superRefine((row, context) => {
    if (row.kind === "INTERNET" && row.speed_mbps === null) {
      context.addIssue({ code: "custom", path: ["speed_mbps"], message: "required for INTERNET" });
    }
    if (row.kind === "IPTV" && row.channels === null) {
      context.addIssue({ code: "custom", path: ["channels"], message: "required for IPTV" });
    }
  })
  .transform((row) => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    monthlyFee: row.monthly_fee,
    speedMbps: row.kind === "INTERNET" ? row.speed_mbps : null,
    channels: row.kind === "IPTV" ? row.channels : null,
    description: row.description,
    active: row.active,
  }));

export async function importTariffs(db: Db, input: { csv: string }): Promise<TariffImportReport> {
  const table = readCsv(input.csv, tariffColumns);
  const report: TariffImportReport = {
    rows: table.rows.length + table.problems.length,
    created: [],
    updated: [],
    unchanged: [],
    problems: [...table.problems],
  };
  const rows = validRows(table.rows, rowSchema, "code", report.problems);
  await db.$transaction(async (tx) => {
    const existing = new Map(
      (
        await tx.tariff.findMany({
          where: { code: { in: rows.map((row) => row.code) } },
        })
      ).map((tariff) => [tariff.code, tariff]),
    );
    for (const { line, ...row } of rows) {
      const current = existing.get(row.code);
      if (!current) {
        await tx.tariff.create({ data: row });
        report.created.push(row.code);
      } else if (current.kind !== row.kind) {
        report.problems.push({
          line,
          field: "kind",
          problem: `${row.code} is an ${current.kind} tariff; a tariff's kind does not change`,
        });
      } else if (
        (Object.keys(row) as (keyof typeof row)[]).every((key) => current[key] === row[key])
      ) {
        report.unchanged.push(row.code);
      } else {
        await tx.tariff.update({ where: { id: current.id }, data: row });
        report.updated.push(row.code);
      }
    }
  });
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}
