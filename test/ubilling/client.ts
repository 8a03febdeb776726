// A tiny HTTP client for the emulator's own tests: GET with query parameters, over real fetch.
import { UbillingEmulator } from "./emulator.ts";

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  json(): unknown;
}

export async function get(url: string, params: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/index.php?${new URLSearchParams(params)}`);
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text,
    json: () => JSON.parse(text),
  };
}

/** The XMLAgent with `json=true`, signed in with a plain password. */
export function agent(
  emu: UbillingEmulator,
  login: string,
  password: string,
  params: Record<string, string> = {},
): Promise<Answer> {
  return get(emu.userstatsUrl, {
    xmlagent: "true",
    json: "true",
    uberlogin: login,
    uberpassword: UbillingEmulator.passwordHash(password),
    ...params,
  });
}

/** The creditor's agent mode; `justcheck` for the dry run. */
export function credit(
  emu: UbillingEmulator,
  login: string,
  password: string,
  justcheck = false,
): Promise<Answer> {
  return get(emu.userstatsUrl, {
    module: "creditor",
    agentcredit: "true",
    json: "true",
    uberlogin: login,
    uberpassword: UbillingEmulator.passwordHash(password),
    ...(justcheck ? { justcheck: "true" } : {}),
  });
}
