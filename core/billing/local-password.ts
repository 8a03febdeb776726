// The built-in billing's password check: the contract's own scrypt hash. An unknown login takes the
// time a real check takes, so the answer's delay does not tell whether the login exists.
import { hashPassword, verifyPassword } from "../accounts/password.ts";
import type { PasswordAttempt, PasswordVerdict } from "./port.ts";

let decoyHash: Promise<string> | undefined;

export async function verifyLocalPassword({
  password,
  local,
}: PasswordAttempt): Promise<PasswordVerdict> {
  if (!local) {
    decoyHash ??= hashPassword(`decoy-${Math.random()}`);
    await verifyPassword(password, await decoyHash);
    return { outcome: "wrong" };
  }
  const { passwordHash, ...contract } = local;
  return (await verifyPassword(password, passwordHash))
    ? { outcome: "correct", contract }
    : { outcome: "wrong" };
}
