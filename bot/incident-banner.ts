// What a subscriber whose contract is in an open mass outage sees first in the menu, /support and
// the "no internet" answer: what is down, since when, until when.
import type { Incident } from "../core/incidents/incidents.ts";
import type { TranslatingContext } from "./context.ts";
import { formatDateTime } from "./format.ts";

export function incidentBanner(
  ctx: TranslatingContext,
  incidents: readonly Incident[],
  timeZone: string,
): string | null {
  if (incidents.length === 0) return null;
  return incidents
    .map((incident) =>
      ctx.t("incident-banner", {
        text: incident.text,
        since: formatDateTime(incident.openedAt ?? incident.eta, timeZone),
        eta: formatDateTime(incident.eta, timeZone),
      }),
    )
    .join("\n\n");
}

/** The banner above a screen's own text, when there is one. */
export const withBanner = (banner: string | null, text: string) =>
  banner ? `${banner}\n\n${text}` : text;
