import type { Params } from "../params.ts";
import type { World } from "../state/world.ts";
import type { WebhookDelivery } from "../updates/webhook.ts";

/** Tunables that tests may change while the emulator runs. */
export interface EmulatorSettings {
  /** How long a pre_checkout_query waits for answerPreCheckoutQuery (Telegram: 10 s). */
  preCheckoutTimeoutMs: number;
  /** Delay before a failed webhook delivery is retried. */
  webhookRetryDelayMs: number;
  /** Accepted invoice totals per currency, in the smallest units. */
  currencyLimits: Record<string, { min: number; max: number }>;
}

/** What a Bot API method gets to work with. */
export interface ApiContext {
  readonly params: Params;
  readonly world: World;
  readonly webhook: WebhookDelivery;
  readonly settings: EmulatorSettings;
  /** Aborted when the client disconnects. */
  readonly signal: AbortSignal;
}

export type MethodHandler = (ctx: ApiContext) => unknown;

/** Methods by their canonical (Bot API documentation) names. */
export type MethodTable = Record<string, MethodHandler>;
