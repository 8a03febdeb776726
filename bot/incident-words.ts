// An incident as staff read it (in Russian, whoever pressed): where, which services, and its
// entry with since, ETA and counts; the staff chat's list and the agents' topic card share it.
import type { Incident, IncidentProgress } from "../core/incidents/incidents.ts";
import { formatDateTime } from "./format.ts";

type Translate = (key: string, variables?: Record<string, string | number>) => string;

export function incidentWhere(t: Translate, { scope }: Pick<Incident, "scope">): string {
  if (scope.kind === "CITY") return t("incident-where-city");
  if (scope.kind === "STREETS")
    return scope.streets
      .map((street) => t("incident-where-street", { street: street.name }))
      .join(", ");
  return t("incident-where-houses", { street: scope.street.name, houses: scope.houses.join(", ") });
}

export function incidentServices(t: Translate, { services }: Pick<Incident, "services">): string {
  return services
    .map((service) => t(service === "IPTV" ? "incident-service-iptv" : "incident-service-internet"))
    .join(", ");
}

export function incidentEntry(
  t: Translate,
  incident: Incident,
  progress: IncidentProgress,
  timeZone: string,
): string {
  return t("incident-entry", {
    id: String(incident.id),
    where: incidentWhere(t, incident),
    services: incidentServices(t, incident),
    since: formatDateTime(incident.openedAt ?? incident.eta, timeZone),
    eta: formatDateTime(incident.eta, timeZone),
    told: progress.told,
    wrote: progress.wrote,
    text: incident.text,
  });
}
