// Our own emulator of Ubilling's HTTP APIs for the billing adapter's tests: subscribers in
// memory, the userstats XMLAgent and creditor, the OSMP OpenPayz frontend, the core's
// opprocessing, and controls to change data and inject faults. See README.md.
import { authenticate, flag, isReply } from "./auth.ts";
import type { UbillingConfig } from "./config.ts";
import { creditor } from "./creditor.ts";
import { md5 } from "./format.ts";
import { osmpFrontend, processAll, remoteApi } from "./openpayz.ts";
import { htmlReply, type Reply } from "./reply.ts";
import { type DownMode, type UbillingRequest, UbillingServer } from "./server.ts";
import { type NewSubscriber, type Subscriber, type Tariff, UbillingState } from "./state.ts";
import { xmlAgent } from "./xmlagent.ts";

export interface UbillingEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The billing's clock (dates are written in UTC); `setNow` changes it later. */
  now?: Date;
  config?: Partial<UbillingConfig>;
}

export class UbillingEmulator {
  readonly state: UbillingState;
  /** Every request answered, in order. */
  readonly requests: UbillingRequest[] = [];
  private fixedNow: Date | undefined;
  private downMode: DownMode | undefined;
  private delay = 0;
  private server: UbillingServer | undefined;

  private constructor(options: UbillingEmulatorOptions) {
    this.fixedNow = options.now;
    this.state = new UbillingState(() => this.fixedNow ?? new Date());
    Object.assign(this.state.config, options.config);
  }

  static async start(options: UbillingEmulatorOptions = {}): Promise<UbillingEmulator> {
    const emulator = new UbillingEmulator(options);
    emulator.server = await UbillingServer.listen(options.port ?? 0, {
      handle: (surface, query) => emulator.handle(surface, query),
      down: () => emulator.downMode,
      delayMs: () => emulator.delay,
      log: (request) => emulator.requests.push(request),
    });
    return emulator;
  }

  private get root(): string {
    if (this.server === undefined) throw new Error("The Ubilling emulator is not running");
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** `{US}`: the userstats web root; requests go to `${userstatsUrl}/index.php?...`. */
  get userstatsUrl(): string {
    return `${this.root}/userstats`;
  }

  /** The OSMP frontend: `${osmpUrl}/index.php?command=...`. */
  get osmpUrl(): string {
    return `${this.root}/openpayz/frontend/osmp`;
  }

  /** `{UB}`: the core web root, for `?module=remoteapi&key=<serial>&action=...`. */
  get coreUrl(): string {
    return `${this.root}/billing`;
  }

  /** The Ubilling settings; change fields directly. */
  get config(): UbillingConfig {
    return this.state.config;
  }

  addTariff(tariff: Partial<Tariff> & { name: string }): Tariff {
    return this.state.addTariff(tariff);
  }

  /** Adds a subscriber (an unknown tariff is created with fee 0). */
  addSubscriber(fields: NewSubscriber): Subscriber {
    return this.state.addSubscriber(fields);
  }

  /** The live record: tests may change fields (cash, frozen, down…) directly. */
  subscriber(login: string): Subscriber {
    return this.state.subscriber(login);
  }

  /** Changes a password in the billing: credentials the bot stored stop working. */
  setPassword(login: string, password: string): void {
    this.state.subscriber(login).password = password;
  }

  /** What a client sends as `uberpassword`. */
  static passwordHash(password: string): string {
    return md5(password);
  }

  /** The OpenPayz customer id (the profile's payid) a card payment names. */
  payid(login: string): string {
    return this.state.payid(this.state.subscriber(login));
  }

  /** A cashier's payment (a payments row and the balance); negative for a charge. */
  addPayment(login: string, summ: number, note = ""): void {
    this.state.addPayment(login, summ, { note });
  }

  /** A tariff fee the core charged (the fees table). */
  chargeFee(login: string, amount: number, note?: string): void {
    this.state.chargeFee(login, amount, note === undefined ? {} : { note });
  }

  /** Every request fails in this way until `setDown(false)`. */
  setDown(mode: DownMode | false): void {
    this.downMode = mode === false ? undefined : mode;
  }

  /** Every answer waits this long (0 = at once), e.g. to run past a client's timeout. */
  setDelay(ms: number): void {
    this.delay = ms;
  }

  setNow(now: Date | undefined): void {
    this.fixedNow = now;
  }

  /** Runs the highload worker as the core's cron would; returns the rows it went through. */
  processPayments(): number {
    return processAll(this.state, false);
  }

  requestsTo(surface: UbillingRequest["surface"]): UbillingRequest[] {
    return this.requests.filter((request) => request.surface === surface);
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  private handle(surface: "userstats" | "openpayz" | "core", query: URLSearchParams): Reply {
    if (surface === "openpayz") return osmpFrontend(this.state, query);
    if (surface === "core") {
      if (query.get("module") !== "remoteapi") return htmlReply(200, "<html>Ubilling</html>");
      return remoteApi(this.state, query);
    }
    const subscriber = authenticate(this.state, query);
    if (isReply(subscriber)) return subscriber;
    const module = query.get("module");
    if (module === "creditor") return creditor(this.state, subscriber, query);
    if (module !== null && module !== "") {
      return htmlReply(200, `<html><body>Module ${module} is not emulated</body></html>`);
    }
    if (flag(query, "xmlagent")) return xmlAgent(this.state, subscriber, query);
    return htmlReply(200, "<html><body>Userstats</body></html>");
  }
}
