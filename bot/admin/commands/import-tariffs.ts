// import-tariffs <file.csv>: tariffs created or updated by code.
import { importTariffs, tariffColumns } from "../../../core/billing/import-tariffs.ts";
import { csvHeader } from "../../../core/csv.ts";
import { formatRowProblem } from "../format.ts";
import { type AdminCommand, exitCode } from "../io.ts";
import { readCsvArgument } from "./read-file.ts";

export const importTariffsCommand: AdminCommand = {
  name: "import-tariffs",
  usage: "import-tariffs <file.csv>",
  summary: "creates or updates tariffs by code",
  async run(args, { io, db }) {
    const csv = await readCsvArgument(this, args);
    const report = await importTariffs(await db(), { csv });
    for (const problem of report.problems) io.err(formatRowProblem(problem));
    const list = (codes: string[]) => (codes.length > 0 ? ` (${codes.join(", ")})` : "");
    io.out(
      `tariffs: ${report.created.length} created${list(report.created)}, ` +
        `${report.updated.length} updated${list(report.updated)}, ` +
        `${report.unchanged.length} unchanged, ` +
        `${new Set(report.problems.map((problem) => problem.line)).size} invalid`,
    );
    return report.problems.length > 0 ? exitCode.badInput : exitCode.ok;
  },
};

export const tariffsHeader = csvHeader(tariffColumns);
