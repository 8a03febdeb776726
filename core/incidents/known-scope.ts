// An incident names streets and houses as staff or a monitor typed them: each must be one some
// contract is on, or the incident would reach no one and say nothing about the typo.
import type { Db } from "../db.ts";
import type { Scope } from "./scope.ts";

export type ScopeProblem =
  | { problem: "unknown-street"; street: string }
  | { problem: "unknown-houses"; street: string; houses: string[] };

export async function scopeProblem(db: Db, scope: Scope): Promise<ScopeProblem | null> {
  if (scope.kind === "CITY") return null;
  const streets = scope.kind === "STREETS" ? scope.streets : [scope.street];
  const known = await db.account.findMany({
    where: { streetKey: { in: streets.map((street) => street.key) } },
    distinct: ["streetKey"],
    select: { streetKey: true },
  });
  const knownKeys = new Set(known.map((row) => row.streetKey));
  const unknown = streets.find((street) => !knownKeys.has(street.key));
  if (unknown) return { problem: "unknown-street", street: unknown.name };
  if (scope.kind === "STREETS") return null;
  const houses = await db.account.findMany({
    where: { streetKey: scope.street.key, house: { in: scope.houses } },
    distinct: ["house"],
    select: { house: true },
  });
  const knownHouses = new Set(houses.map((row) => row.house));
  const missing = scope.houses.filter((house) => !knownHouses.has(house));
  return missing.length > 0
    ? { problem: "unknown-houses", street: scope.street.name, houses: missing }
    : null;
}
