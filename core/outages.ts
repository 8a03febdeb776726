// Which backing services are down: each outage is logged once when it starts and once when it
// ends, however many updates fail in between.
import type { Logger } from "./logger.ts";

export type Service = "redis" | "postgresql";

export class Outages {
  private readonly down = new Set<Service>();

  constructor(private readonly logger: Logger) {}

  markDown(service: Service, error: unknown): void {
    if (this.down.has(service)) return;
    this.down.add(service);
    this.logger.error({ err: error, service }, `${service} unavailable`);
  }

  markUp(service: Service): void {
    if (!this.down.delete(service)) return;
    this.logger.info({ service }, `${service} available again`);
  }

  /** The services down right now (an update failing meanwhile is put down to them). */
  current(): Service[] {
    return [...this.down];
  }
}
