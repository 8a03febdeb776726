// What a new contract password must be, as the provider's web personal account asks.
export type PasswordProblem = "length" | "digits-only" | "same-as-login";

export function passwordProblem(password: string, login: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < 8 || length > 64) return "length";
  if (/^\d+$/.test(password)) return "digits-only";
  if (password.trim().toLowerCase() === login.trim().toLowerCase()) return "same-as-login";
  return null;
}
