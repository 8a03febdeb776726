import { BotApiError, internalServerError, notFound, tooManyRequests } from "./api-error.ts";
import type { ApiCall, ApiResponse, CallLog } from "./call-log.ts";
import type { FaultPlan } from "./faults/fault-plan.ts";
import type { RateLimiter } from "./faults/rate-limiter.ts";
import type { RawParams } from "./http/request-params.ts";
import type { EmulatorSettings } from "./methods/context.ts";
import type { MethodRegistry } from "./methods/index.ts";
import { Params } from "./params.ts";
import type { World } from "./state/world.ts";
import type { WebhookDelivery } from "./updates/webhook.ts";

/** The answer to one call: a Telegram response, or a connection to drop. */
export type Outcome = { kind: "respond"; status: number; body: ApiResponse } | { kind: "drop" };

export interface DispatcherDeps {
  registry: MethodRegistry;
  world: World;
  webhook: WebhookDelivery;
  settings: EmulatorSettings;
  faults: FaultPlan;
  rateLimiter: () => RateLimiter | undefined;
  log: CallLog;
}

/** Runs Bot API methods: scripted faults and rate limits first, then the method; logs every call. */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async dispatch(method: string, raw: RawParams, signal: AbortSignal): Promise<Outcome> {
    const time = this.deps.world.now();
    const found = this.deps.registry.find(method);
    const name = found?.name ?? method;
    const params = new Params(raw);
    const record = (response: ApiResponse | null) => {
      const call: ApiCall = { method: name, params: params.toLog(), response, time };
      this.deps.log.record(call);
    };

    const fault = this.deps.faults.take(name, raw.chat_id);
    if (fault?.kind === "dropConnection") {
      record(null);
      return { kind: "drop" };
    }
    let body: ApiResponse;
    try {
      if (found === undefined) throw notFound();
      if (fault?.kind === "rateLimit") throw tooManyRequests(fault.retryAfter);
      if (fault?.kind === "serverError") throw internalServerError(fault.status);
      const retryAfter = this.deps.rateLimiter()?.retryAfter(name, raw.chat_id);
      if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
      const { world, webhook, settings } = this.deps;
      const result: unknown = await found.handler({ params, world, webhook, settings, signal });
      body = { ok: true, result };
    } catch (error) {
      body = errorResponse(error, name);
    }
    if (fault?.kind === "hold") await fault.hold.wait();
    record(body);
    return { kind: "respond", status: body.ok ? 200 : body.error_code, body };
  }
}

function errorResponse(error: unknown, method: string): ApiResponse {
  if (!(error instanceof BotApiError)) {
    // A bug in the emulator, not something Telegram would answer: make it loud.
    console.error(`Bot API emulator failed in ${method}:`, error);
    return errorResponse(internalServerError(), method);
  }
  return {
    ok: false,
    error_code: error.errorCode,
    description: error.description,
    ...(error.parameters === undefined ? {} : { parameters: error.parameters }),
  };
}
