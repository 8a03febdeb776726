import { badRequest, conflict } from "../api-error.ts";
import type { Params } from "../params.ts";
import type { MethodTable } from "./context.ts";

/** getUpdates and the webhook methods. */
export const updateMethods: MethodTable = {
  getUpdates: ({ params, world, webhook, signal }) => {
    if (webhook.active) {
      throw conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    return world.updates.getUpdates({
      offset: params.integer("offset"),
      limit: params.integer("limit"),
      timeoutSeconds: params.integer("timeout"),
      allowedUpdates: allowedUpdates(params),
      signal,
    });
  },

  setWebhook: ({ params, world, webhook }) => {
    const url = params.string("url");
    if (url === undefined) {
      webhook.delete();
      return true;
    }
    if (!isLocalUrl(url)) {
      throw badRequest(
        "bad webhook: the emulator delivers only to http(s)://127.0.0.1 or localhost",
      );
    }
    const secretToken = params.string("secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    const maxConnections = params.integer("max_connections") ?? 40;
    if (maxConnections < 1 || maxConnections > 100)
      throw badRequest("invalid max_connections specified");
    if (params.boolean("drop_pending_updates")) world.updates.clear();
    world.updates.setAllowedUpdates(allowedUpdates(params));
    world.updates.endPoll(
      conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      ),
    );
    const ipAddress = params.string("ip_address");
    webhook.set({
      url,
      maxConnections,
      ...(secretToken === undefined ? {} : { secretToken }),
      ...(ipAddress === undefined ? {} : { ipAddress }),
    });
    return true;
  },

  deleteWebhook: ({ params, world, webhook }) => {
    webhook.delete();
    if (params.boolean("drop_pending_updates")) world.updates.clear();
    return true;
  },

  getWebhookInfo: ({ webhook }) => webhook.info(),
};

function allowedUpdates(params: Params): string[] | undefined {
  const types = params.json<unknown>("allowed_updates", () =>
    badRequest("can't parse allowed_updates JSON array"),
  );
  if (types === undefined) return undefined;
  if (!Array.isArray(types)) throw badRequest("can't parse allowed_updates JSON array");
  return types.map(String);
}

function isLocalUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (
      (protocol === "http:" || protocol === "https:") &&
      (hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]")
    );
  } catch {
    return false;
  }
}
