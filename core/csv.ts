// CSV files the operator imports: a header naming the columns (any order, any case), then one
// record a row, each with the line it starts on. Commas or, as Russian Excel writes, semicolons;
// a BOM, Windows line ends and quoted fields (with delimiters or line breaks inside) are fine.
import { CsvError, parse } from "csv-parse/sync";
import type { z } from "zod";

export interface CsvColumns {
  required: readonly string[];
  optional?: readonly string[];
}

export interface CsvRow {
  /** The line of the file the record starts on (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** A problem with one row, reported as `line N: <field>: <problem>`. */
export interface RowProblem {
  line: number;
  field: string;
  problem: string;
}

/** The file as a whole cannot be read: nothing of it is imported. */
export class CsvFileError extends Error {
  override name = "CsvFileError";
}

export interface CsvTable {
  rows: CsvRow[];
  /** Rows left out because they have more fields than the header names. */
  problems: RowProblem[];
}

export function readCsv(text: string, columns: CsvColumns): CsvTable {
  // LF only: csv-parse counts a CRLF inside a quoted field as two lines.
  const normalized = text.replace(/\r\n/g, "\n");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ends (its type does not say so).
    records = parse(normalized, {
      bom: true,
      delimiter: delimiterOf(normalized),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(`not a readable CSV: ${error.message}`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new CsvFileError("the file is empty: expected a header line");
  const names = header.record.map((name) => name.toLowerCase());
  checkHeader(names, columns);
  const all = [...columns.required, ...(columns.optional ?? [])];
  const table: CsvTable = { rows: [], problems: [] };
  for (const { record, info } of body) {
    // A row of empty fields (`,,,,` as spreadsheets leave them) is an empty line.
    if (record.every((field) => field === "")) continue;
    const breaks = record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - breaks;
    if (record.length > names.length) {
      table.problems.push({
        line,
        field: "row",
        problem: `${record.length} fields where the header has ${names.length} (a value with the delimiter needs "quotes")`,
      });
      continue;
    }
    const values: Record<string, string> = Object.fromEntries(all.map((name) => [name, ""]));
    names.forEach((name, index) => {
      values[name] = record[index] ?? "";
    });
    table.rows.push({ line, values });
  }
  return table;
}

function delimiterOf(text: string): string {
  const end = text.indexOf("\n");
  const firstLine = end === -1 ? text : text.slice(0, end);
  return firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
}

/** The header a file is expected to start with, optional columns in brackets. */
export function csvHeader(columns: CsvColumns): string {
  return [...columns.required, ...(columns.optional ?? []).map((name) => `[${name}]`)].join(",");
}

function checkHeader(names: string[], columns: CsvColumns) {
  const known = new Set([...columns.required, ...(columns.optional ?? [])]);
  const expected = csvHeader(columns);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const quoted = unknown.map((name) => `"${name}"`).join(", ");
    throw new CsvFileError(`line 1: unknown column ${quoted}; expected ${expected}`);
  }
  const missing = columns.required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new CsvFileError(`line 1: missing column ${missing.join(", ")}; expected ${expected}`);
  }
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw new CsvFileError(`line 1: column ${repeated.join(", ")} appears twice`);
  }
}

/**
 * The rows the schema accepts, each with its line. A rejected row adds its problems; so does a
 * row whose `key` an earlier accepted row has ("repeats line N"): the first one wins.
 */
export function validRows<Row extends object>(
  rows: readonly CsvRow[],
  schema: z.ZodType<Row>,
  key: keyof Row & string,
  problems: RowProblem[],
): (Row & { line: number })[] {
  const firstLine = new Map<unknown, number>();
  const valid: (Row & { line: number })[] = [];
  for (const { line, values } of rows) {
    const result = schema.safeParse(values);
    if (!result.success) {
      problems.push(...fieldProblems(line, result.error.issues));
      continue;
    }
    const first = firstLine.get(result.data[key]);
    if (first !== undefined) {
      problems.push({ line, field: key, problem: `repeats line ${first}` });
      continue;
    }
    firstLine.set(result.data[key], line);
    valid.push({ ...result.data, line });
  }
  return valid;
}

/** A row's zod issues as problems: the first one for each field. */
function fieldProblems(
  line: number,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): RowProblem[] {
  const problems = new Map<string, RowProblem>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "row");
    if (!problems.has(field)) problems.set(field, { line, field, problem: issue.message });
  }
  return [...problems.values()];
}
