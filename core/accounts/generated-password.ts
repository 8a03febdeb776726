// Passwords the operator hands out: random, easy to read aloud and type (no 0/O, 1/l/I), and
// within the contract password rules.
import { randomInt } from "node:crypto";
import { passwordProblem } from "./password-rules.ts";

const letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const digits = "23456789";
const alphabet = letters + digits;
const length = 12;

export function generatePassword(login = ""): string {
  for (;;) {
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
    const mixed = /[a-zA-Z]/.test(password) && /\d/.test(password);
    if (mixed && passwordProblem(password, login) === null) return password;
  }
}
