// import-tariffs <file.csv>: tariffs created or updated by code.
import { importTariffs, tariffColumns } from "../../../core/billing/import-tariffs.ts";
import { formatRowProblem } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine } from "../io.ts";
import { readImportFile } from "./read-file.ts";

export const importTariffsCommand: AdminCommand = {
  name: "import-tariffs",
  usage: "import-tariffs <file.csv>",
  summary: "creates or updates tariffs by code",
  async run(args, { io, db }) {
    const { positionals } = parseCommandLine(this, args, {
      options: {},
      positionals: ["file.csv"],
    });
    const csv = await readImportFile(positionals[0] ?? "");
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

export const tariffsHeader = [
  ...tariffColumns.required,
  ...tariffColumns.optional.map((name) => `[${name}]`),
].join(",");
