// Userstats authentication by `uberlogin` + `uberpassword` (md5 hex of the password), shared by
// the XMLAgent and the creditor module. Any failure is 401 with a plain-text body, whatever `json`.
import { htmlReply, PAGES, type Reply, textReply } from "./reply.ts";
import type { Subscriber, UbillingState } from "./state.ts";

/** A GET flag is set when present and non-empty and not "0" (PHP's `empty`). */
export function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value !== "" && value !== "0";
}

export const WRONG_UBERAUTH = textReply(401, "ERROR_WRONG_UBERAUTH");

/** The subscriber the request signs in as, or the reply that refuses it. */
export function authenticate(state: UbillingState, query: URLSearchParams): Subscriber | Reply {
  const login = (query.get("uberlogin") ?? "").replaceAll(" ", "_").replace(/[^A-Za-z0-9_.]/g, "");
  const password = (query.get("uberpassword") ?? "").replace(/[^A-Za-z0-9]/g, "");
  if (login === "" || password === "") return WRONG_UBERAUTH;
  const subscriber = state.authenticate(login, password);
  if (subscriber === undefined) return WRONG_UBERAUTH;
  if (subscriber.bannedFromUserstats) return htmlReply(200, PAGES.youShallNotPass);
  return subscriber;
}

export function isReply(value: Subscriber | Reply): value is Reply {
  return "status" in value && "body" in value;
}
