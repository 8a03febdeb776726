// The open incidents that reach a subscriber's contract: what /support, the "no internet" answer
// and the main menu show first. Asked on hot paths (every /start), so the list of open incidents
// is kept for a few seconds per process and the contract is read only while one is open: with no
// outage, it costs no query. Another instance's new incident shows here within `freshForMs`.
import type { Db } from "../db.ts";
import { type Incident, openIncidents } from "./incidents.ts";
import { covers } from "./scope.ts";

const freshForMs = 10_000;

export class IncidentsAffecting {
  private open: { incidents: Promise<Incident[]>; readAt: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Open incidents that reach the account, oldest first. */
  async of(accountId: number): Promise<Incident[]> {
    const open = await this.openNow();
    if (open.length === 0) return [];
    const account = await this.db.account.findUnique({
      where: { id: accountId },
      select: { status: true, streetKey: true, house: true, iptvTariffId: true },
    });
    return account
      ? open.filter((incident) => covers(incident.scope, incident.services, account))
      : [];
  }

  /** Whether any incident is open: a caller can skip reading the contract when none is. */
  async anyOpen(): Promise<boolean> {
    return (await this.openNow()).length > 0;
  }

  /** This process opened, moved or resolved one: read again at the next ask. */
  forget(): void {
    this.open = null;
  }

  private openNow(): Promise<Incident[]> {
    if (!this.open || this.now() - this.open.readAt > freshForMs) {
      const incidents = openIncidents(this.db);
      this.open = { incidents, readAt: this.now() };
      // A failed read is not kept: the next ask tries again.
      incidents.catch(() => {
        this.open = null;
      });
    }
    return this.open.incidents;
  }
}
