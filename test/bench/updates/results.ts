// What `npm run bench -- updates` measures, as the report (report.ts) takes it.
import type { ProfileSummary } from "./cpu-profile-summary.ts";

/** The loads of the closed loop, in the order each round runs them. */
export const loads = ["anchorA", "anchorB", "start", "balance", "history"] as const;
export type Load = (typeof loads)[number];
export const botLoads = ["start", "balance", "history"] as const;
export type BotLoad = (typeof botLoads)[number];

export interface Phase {
  perSecond: number;
  cpuMsPerUpdate: number;
  emulatorCpuMsPerUpdate: number;
  p50: number;
  p99: number;
}

export interface OpenLoopRow {
  rate: number;
  updates: number;
  answeredPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Counted {
  roundTrips: number;
  statements: number;
  transactions: number;
  /** Commands the clients sent (a script is one), by name. */
  redisSent: number;
  redisSentByCommand: string;
  /** What Redis counted in INFO commandstats: also the commands each script ran. */
  redisServer: number;
  /** The statements, by their text, per update. */
  statementsByText: { text: string; perUpdate: number }[];
}

export interface WebhookRow {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerUpdate: number;
}

export interface UpdatesResults {
  options: Options;
  callsPerUpdate: Record<Load, number>;
  closed: Record<Load, Phase[]>;
  open: OpenLoopRow[];
  counted: Partial<Record<"anchorB" | BotLoad, Counted>>;
  /** /balance in webhook mode. */
  countedWebhook?: Counted;
  webhook: { anchorA: WebhookRow[]; bot: WebhookRow[] };
  floodDropped: number;
  errorsLogged: number;
  failedCalls: number;
  profile?: { file: string; summary: ProfileSummary };
  loadAverage: { before: number[]; after: number[] };
  seconds: number;
}

export interface Options {
  rounds: number;
  updates: number;
  chats: number;
  rates: number[];
  openSeconds: number;
  countUpdates: number;
  webhookUpdates: number;
  webhookChats: number;
  cpuProfile: string | undefined;
}
