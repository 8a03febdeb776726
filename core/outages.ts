// Which backing services are down: each outage is logged once when it starts and once when it
// ends, however many updates fail in between.
import type { Logger } from "./logger.ts";

export type Service = "redis" | "postgresql";

const probeIntervalMs = 1000;

export class Outages {
  private readonly down = new Set<Service>();
  private readonly probes = new Map<Service, () => Promise<unknown>>();
  private readonly timers = new Map<Service, NodeJS.Timeout>();

  constructor(private readonly logger: Logger) {}

  /**
   * For a service that does not tell when it is back (a pool only connects when asked): while it
   * is down, `probe` runs every second, and its first success marks the service up.
   */
  probeWhileDown(service: Service, probe: () => Promise<unknown>): void {
    this.probes.set(service, probe);
  }

  markDown(service: Service, error: unknown): void {
    if (this.down.has(service)) return;
    this.down.add(service);
    this.logger.error({ err: error, service }, `${service} unavailable`);
    this.scheduleProbe(service);
  }

  markUp(service: Service): void {
    clearTimeout(this.timers.get(service));
    this.timers.delete(service);
    if (!this.down.delete(service)) return;
    this.logger.info({ service }, `${service} available again`);
  }

  /** The services down right now (an update failing meanwhile is put down to them). */
  current(): Service[] {
    return [...this.down];
  }

  /** Stops probing (the process is stopping). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.probes.clear();
  }

  private scheduleProbe(service: Service): void {
    const probe = this.probes.get(service);
    if (!probe) return;
    const timer = setTimeout(() => {
      probe().then(
        () => this.markUp(service),
        () => {
          if (this.timers.get(service) === timer && this.down.has(service)) {
            this.scheduleProbe(service);
          }
        },
      );
    }, probeIntervalMs);
    timer.unref();
    this.timers.set(service, timer);
  }
}
