// incident open|update|resolve|list: mass outages from the operator's console, as the staff
// chat's /incident makes them. Opening one tells everyone it reaches at once (through the outbox,
// sent from here when BOT_TOKEN is set, else by the bot's delivery job); an ETA change and the
// resolve tell those who were told.
import { readEta } from "../../../core/incidents/eta.ts";
import {
  changeEta,
  type Incident,
  incidentText,
  openIncidents,
  openNewIncident,
  progressOfIncident,
  reachOf,
  resolveIncident,
  type StepResult,
} from "../../../core/incidents/incidents.ts";
import { scopeProblem } from "../../../core/incidents/known-scope.ts";
import { type Service, services } from "../../../core/incidents/scope.ts";
import { listItems, readScope, type ScopeReading } from "../../../core/incidents/scope-input.ts";
import { loadJobConfig } from "../config.ts";
import { formatInstant } from "../format.ts";
import {
  type AdminCommand,
  type AdminContext,
  exitCode,
  parseCommandLine,
  UsageError,
} from "../io.ts";
import { operatorTelegram } from "../telegram.ts";

const usage =
  "incident open (--city | --street <name> [--street <name>…] [--houses 52а,54]) [--service internet|iptv] --eta <HH:MM | DD.MM HH:MM> --text <text for subscribers>" +
  " | incident update <id> --eta <…> | incident resolve <id> | incident list";

const scopeProblems: Record<Exclude<ScopeReading, { scope: unknown }>["problem"], string> = {
  none: "say where: --city, or --street <name> (with --houses for some of its houses)",
  "city-and-streets": "--city covers every street: give --city or --street, not both",
  "houses-need-one-street": "--houses belong to one --street",
  "unreadable-street": "is not a street name",
  "unreadable-house": "is not a house number",
};

export function describeScope(incident: Pick<Incident, "scope" | "services">): string {
  const { scope } = incident;
  const where =
    scope.kind === "CITY"
      ? "the whole city"
      : scope.kind === "STREETS"
        ? scope.streets.map((street) => `ул. ${street.name}`).join(", ")
        : `ул. ${scope.street.name}, ${scope.houses.length === 1 ? "house" : "houses"} ${scope.houses.join(", ")}`;
  return `${where}; ${incident.services.map((service) => service.toLowerCase()).join(", ")}`;
}

function idOf(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw new UsageError(`incident: "${text}" is not an incident number`);
  return id;
}

function etaOf(text: string | undefined, timeZone: string): Date {
  if (text === undefined)
    throw new UsageError(
      "incident: --eta <HH:MM or DD.MM HH:MM> is needed: when is it expected back?",
    );
  const reading = readEta(text, new Date(), timeZone);
  if ("eta" in reading) return reading.eta;
  const why = {
    unreadable: "write HH:MM or DD.MM HH:MM",
    past: "that time has passed",
    "too-far": "more than a month ahead",
  };
  throw new UsageError(`incident: --eta "${text}": ${why[reading.problem]}`);
}

function servicesOf(texts: string[] | undefined): Service[] {
  if (!texts || texts.length === 0) return ["INTERNET"];
  const chosen = texts.flatMap(listItems).map((text) => text.toUpperCase());
  const unknown = chosen.find((text) => !services.includes(text as Service));
  if (unknown)
    throw new UsageError(`incident: --service "${unknown.toLowerCase()}": internet or iptv`);
  return [...new Set(chosen as Service[])];
}

/** What the step did, as the command's result line and exit code. */
function stepLine(result: StepResult, done: (incident: Incident, notices: number) => string) {
  switch (result.outcome) {
    case "done":
      return done(result.incident, result.notices);
    case "already":
      return `incident #${result.incident.id}: nothing to change`;
    case "not-open":
      throw new UsageError(
        `incident #${result.incident.id} is ${result.incident.status.toLowerCase()}, not open`,
      );
    case "not-found":
      throw new UsageError("incident: no such incident");
  }
}

/** Sends the outbox now when there is a token, else says who will. */
async function deliver({ io }: AdminContext, database: Awaited<ReturnType<AdminContext["db"]>>) {
  const config = loadJobConfig(io.env);
  const telegram = await operatorTelegram(config, database);
  try {
    if (!telegram.online) {
      io.err(
        "no BOT_TOKEN here: the bot sends the notices (its delivery job runs every 5 minutes)",
      );
      return;
    }
    const report = await telegram.deliver();
    if ("delivery" in report) io.err(`notices: ${report.delivery}`);
  } finally {
    await telegram.close();
  }
}

export const incidentCommand: AdminCommand = {
  name: "incident",
  usage,
  summary:
    "opens a mass outage (its subscribers are told), changes its ETA, resolves it, lists open ones",
  async run(args, context) {
    const { io, db, config } = context;
    const [action, ...rest] = args;
    const { timeZone } = config();
    if (action === "list") {
      parseCommandLine(this, rest, { options: {}, positionals: [] });
      const database = await db();
      const open = await openIncidents(database);
      if (open.length === 0) io.out("no open incidents");
      for (const incident of open) {
        const progress = await progressOfIncident(database, incident.id);
        io.out(
          `#${incident.id}  since ${formatInstant(incident.openedAt ?? incident.eta, timeZone)}  ETA ${formatInstant(incident.eta, timeZone)}  ${describeScope(incident)}  told ${progress.told} (sent ${progress.sent}), wrote ${progress.wrote}  «${incident.text}»`,
        );
      }
      return exitCode.ok;
    }
    if (action === "open") {
      const { values } = parseCommandLine(this, rest, {
        options: {
          city: { type: "boolean" },
          street: { type: "string", multiple: true },
          houses: { type: "string" },
          service: { type: "string", multiple: true },
          eta: { type: "string" },
          text: { type: "string" },
        },
        positionals: [],
      });
      const reading = readScope({
        city: values.city,
        streets: values.street,
        houses: values.houses === undefined ? [] : listItems(values.houses),
      });
      if ("problem" in reading) {
        const detail = "text" in reading ? `"${reading.text}" ` : "";
        throw new UsageError(`incident: ${detail}${scopeProblems[reading.problem]}`);
      }
      const eta = etaOf(values.eta, timeZone);
      const text = incidentText.safeParse(values.text ?? "");
      if (!text.success) throw new UsageError(`incident: --text: ${text.error.issues[0]?.message}`);
      const down = servicesOf(values.service);
      const database = await db();
      const problem = await scopeProblem(database, reading.scope);
      if (problem?.problem === "unknown-street") {
        throw new UsageError(
          `incident: no contract is on ул. ${problem.street}; check the spelling`,
        );
      }
      if (problem?.problem === "unknown-houses") {
        throw new UsageError(
          `incident: no contract is in ${problem.houses.join(", ")} on ул. ${problem.street}`,
        );
      }
      const reach = await reachOf(database, reading.scope, down);
      const result = await openNewIncident(database, {
        scope: reading.scope,
        services: down,
        eta,
        text: text.data,
        createdBy: "operator",
        timeZone,
      });
      io.out(
        stepLine(
          result,
          (incident, notices) =>
            `incident #${incident.id} opened: ${describeScope(incident)}; ETA ${formatInstant(incident.eta, timeZone)}; ${reach.contracts} contracts, ${notices} subscribers to tell`,
        ),
      );
      await deliver(context, database);
      return exitCode.ok;
    }
    if (action === "update" || action === "resolve") {
      const { values, positionals } = parseCommandLine(this, rest, {
        options: { eta: { type: "string" } },
        positionals: ["id"],
      });
      const id = idOf(positionals[0]);
      const database = await db();
      let line: string;
      if (action === "update") {
        const eta = etaOf(values.eta, timeZone);
        const result = await changeEta(database, { id, eta, by: "operator", timeZone });
        line = stepLine(
          result,
          (incident, notices) =>
            `incident #${incident.id}: ETA now ${formatInstant(incident.eta, timeZone)}; ${notices} subscribers to tell`,
        );
      } else {
        if (values.eta !== undefined) throw new UsageError("incident resolve: takes no --eta");
        const result = await resolveIncident(database, { id, by: "operator", timeZone });
        line = stepLine(
          result,
          (incident, notices) =>
            `incident #${incident.id} resolved; ${notices} subscribers to tell it is restored`,
        );
      }
      io.out(line);
      await deliver(context, database);
      return exitCode.ok;
    }
    throw new UsageError(
      `incident: open, update, resolve or list; usage: npm run admin -- ${usage}`,
    );
  },
};
