// The operator sets a contract's password (from the office: the subscriber has proved who they
// are there). It also lifts a lock left by wrong passwords.
import type { Db } from "../db.ts";
import { hashPassword } from "./password.ts";
import { type PasswordProblem, passwordProblem } from "./password-rules.ts";

export type OperatorPasswordResult =
  | { outcome: "set"; login: string; linkedTelegramUsers: number }
  | { outcome: "unknown-login" }
  | { outcome: "weak"; problem: PasswordProblem };

export async function setPasswordByOperator(
  db: Db,
  input: { login: string; password: string },
): Promise<OperatorPasswordResult> {
  const account = await db.account.findUnique({
    where: { login: input.login.trim() },
    select: { id: true, login: true, _count: { select: { links: true } } },
  });
  if (!account) return { outcome: "unknown-login" };
  const problem = passwordProblem(input.password, account.login);
  if (problem) return { outcome: "weak", problem };
  await db.account.update({
    where: { id: account.id },
    data: {
      passwordHash: await hashPassword(input.password),
      failedLoginCount: 0,
      lockedUntil: null,
    },
  });
  return { outcome: "set", login: account.login, linkedTelegramUsers: account._count.links };
}
